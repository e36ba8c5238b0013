package io.convprobe.memory;

import java.util.Locale;

/**
 * The most resident memory a process may use ({@code --max-memory}): JVM heap, libtorch's arrays and
 * buffers, the sweep's cache of activations, and what the allocator keeps, all together — the figure
 * {@code /usr/bin/time -v} calls maximum resident set size. {@link #AUTO} resolves on the machine
 * that does the work (a Spark executor resolves it in its own container); {@link #NONE} sets no
 * process budget (library callers and tests that bound only the cache).
 *
 * @param bytes the budget; 0 for {@link #AUTO}, negative for {@link #NONE}
 */
public record MemoryBudget(long bytes) implements java.io.Serializable {
    public static final MemoryBudget AUTO = new MemoryBudget(0);
    public static final MemoryBudget NONE = new MemoryBudget(-1);
    /**
     * The automatic budget: a quarter of the machine's (or container's) memory, at most 1.25 GiB.
     * The cap keeps a default search within a laptop's share and within issue 24's 1.5 GB target;
     * more buys speed (a larger cache of shared activations, fewer trims), never correctness.
     */
    public static final long AUTO_CAP = 1280L << 20;
    public static final int AUTO_FRACTION = 4;
    /** Below this no network of ours can run: libtorch and the JVM alone take ~0.3 GB. */
    public static final long FLOOR = 256L << 20;

    /** {@code auto}, {@code none} or a size ({@link MemorySize#parse}); {@code option} names it in errors. */
    public static MemoryBudget parse(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("none")) {
            return NONE;
        }
        long b = MemorySize.parse(text, option);
        if (b < FLOOR) {
            throw new io.convprobe.UserException(option + " " + text + ": below " + MemorySize.mb(FLOOR)
                    + ", which libtorch and the JVM alone take; give at least 512m");
        }
        return new MemoryBudget(b);
    }

    public boolean isAuto() {
        return bytes == 0;
    }

    public boolean isNone() {
        return bytes < 0;
    }

    /**
     * System property that replaces what {@link #AUTO} means in this JVM ({@code none}, a size): the
     * test suite sets {@code none}, since its one JVM holds far more than a search would.
     */
    public static final String PROPERTY = "convprobe.maxMemory";

    /**
     * The budget in bytes on this machine: {@link #AUTO} from {@link MachineMemory} (or
     * {@value #PROPERTY}), {@link #NONE} unbounded ({@link Long#MAX_VALUE}).
     */
    public long resolve() {
        if (isAuto()) {
            String override = System.getProperty(PROPERTY, "auto").trim();
            return override.equalsIgnoreCase("auto") ? automatic(MachineMemory.available())
                    : parse(override, "-D" + PROPERTY).resolve();
        }
        return isNone() ? Long.MAX_VALUE : bytes;
    }

    /** The automatic budget for a machine (or container) with {@code available} bytes. */
    public static long automatic(long available) {
        return Math.max(FLOOR, Math.min(AUTO_CAP, available / AUTO_FRACTION));
    }

    /** E.g. {@code 1,280 MB (auto: a quarter of 23,537 MB, at most 1,280 MB)}. */
    public String describe() {
        if (isNone()) {
            return "none";
        }
        if (!isAuto()) {
            return MemorySize.mb(bytes);
        }
        long available = MachineMemory.available();
        return MemorySize.mb(automatic(available)) + " (auto: a quarter of this machine's " + MemorySize.mb(available)
                + ", at most " + MemorySize.mb(AUTO_CAP) + ")";
    }

    @Override
    public String toString() {
        return isNone() ? "none" : isAuto() ? "auto" : MemorySize.mb(bytes);
    }
}
