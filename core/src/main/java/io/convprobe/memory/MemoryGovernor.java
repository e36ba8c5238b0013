package io.convprobe.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps one process within its {@link MemoryBudget}. Resident memory is the truth (read, never
 * estimated): the JVM, libtorch's arrays and what glibc keeps of freed ones all count. Two levers
 * (and a third, below):
 *
 * <ul>
 *   <li>{@link #admit} before a network: how many bytes of new cached activations the caller may
 *       add, given the resident memory now and the network's own working set; if the process is over,
 *       it first hands glibc's free pages back ({@link NativeMemory#trim}).</li>
 *   <li>{@link #check} during the work (the sweep calls it per batch): trims once resident memory
 *       passes the budget less a margin, and again only after it has grown by another step, so a
 *       live set near the budget does not trim on every batch.</li>
 * </ul>
 *
 * <p>Why trimming and not glibc's own: {@link NativeMemory} tells glibc never to return memory, since
 * every page returned is a page fault when touched again (8 µs per 4 KiB on our VMs, a 3–9× slower
 * sweep). Its high-water mark then grows to 2–3× the live peak (fragmentation), which is what broke
 * the budget; trimming only near the budget keeps the speed where memory allows it.
 *
 * <p>The third lever, glibc's mmap threshold ({@link NativeMemory#mmapFrom}): every {@link #admit}
 * sets this budget's ({@link NativeMemory#mmapThreshold}, a 256th of it), so large blocks are mmapped
 * and returned the moment they are freed, while a larger budget keeps more blocks in the heap (no
 * page faults). It is set per network, not once per process: when the smallest budget of the process
 * held, a 4 GB sweep after a default-budget one ran at the small budget's threshold and took 3× as
 * long. Lowering it only for networks short of room was tried and dropped: a heap grown by the
 * others could not be trimmed back (300 3x96x96 networks at {@code --max-memory 1g} peaked at
 * 1,042 MB, against 945 MB with the threshold always low; docs/benchmarks.md).
 *
 * <p>One governor per process and budget ({@link #of}): probers in one JVM (a Spark executor's
 * task slots, a halving search's fidelities) share it and split the headroom between the active
 * ones ({@link #register}).
 */
public final class MemoryGovernor {
    /** Trim when resident memory is within this fraction of the budget. */
    static final double MARGIN = 0.06;
    /** After a trim, trim again only once resident memory has grown this much (or the next network starts). */
    static final long STEP = 48L << 20;

    private static final Map<Long, MemoryGovernor> PROCESS = new HashMap<>();
    /** No budget: the high threshold (blocks reused from the heap), even after a bounded prober in this process. */
    private static final MemoryGovernor UNBOUNDED = new MemoryGovernor(Long.MAX_VALUE, () -> -1, () -> false,
            NativeMemory::mmapFrom, NativeMemory.loose());

    private final long budget;
    private final LongSupplier resident;
    private final BooleanSupplier trimmer;
    private final LongConsumer mmapFrom;
    private final long threshold; // glibc's mmap threshold under this budget
    private int active;
    private long rearmAt; // resident memory above which check() trims again
    private int trims;
    private long trimNanos;
    private long worstOver; // most bytes over the budget seen by admit after trimming

    /** A governor reading {@code resident} and trimming with {@code trimmer}; tests give their own. */
    MemoryGovernor(long budget, LongSupplier resident, BooleanSupplier trimmer) {
        this(budget, resident, trimmer, t -> { }, -1);
    }

    /** As above, setting glibc's mmap threshold through {@code mmapFrom} to {@code threshold} before each network. */
    MemoryGovernor(long budget, LongSupplier resident, BooleanSupplier trimmer, LongConsumer mmapFrom, long threshold) {
        this.budget = budget;
        this.resident = resident;
        this.trimmer = trimmer;
        this.mmapFrom = mmapFrom;
        this.threshold = threshold;
        this.rearmAt = soft();
    }

    /**
     * A governor of its own (not the process's) reading resident memory from {@code resident} and
     * trimming with {@code trimmer}: for tests of the code that asks a budget.
     */
    public static MemoryGovernor reading(long budget, LongSupplier resident, BooleanSupplier trimmer) {
        return new MemoryGovernor(budget, resident, trimmer);
    }

    /** This process's governor for {@code b} (resolved here); {@link MemoryBudget#NONE} never trims or limits. */
    public static synchronized MemoryGovernor of(MemoryBudget b) {
        long bytes = b.resolve();
        if (bytes == Long.MAX_VALUE) {
            return UNBOUNDED;
        }
        return PROCESS.computeIfAbsent(bytes, b2 -> new MemoryGovernor(b2, ResidentMemory::currentBytes,
                NativeMemory::trim, NativeMemory::mmapFrom, NativeMemory.mmapThreshold(b2)));
    }

    public long budget() {
        return budget;
    }

    public boolean bounded() {
        return budget != Long.MAX_VALUE && resident.getAsLong() >= 0;
    }

    /** A prober starts sharing the budget; {@link #unregister} when it closes. */
    public synchronized void register() {
        active++;
    }

    public synchronized void unregister() {
        active = Math.max(0, active - 1);
    }

    /**
     * Before a network whose own working set is about {@code reserve} bytes: the bytes of new cached
     * activations the caller may add (negative: it should drop what it has cached and may add none).
     * Trims first when resident memory and the reserve together exceed the budget. Sets this budget's
     * mmap threshold first (see the class comment).
     */
    public synchronized long admit(long reserve) {
        mmapFrom.accept(threshold);
        if (!bounded()) {
            return Long.MAX_VALUE;
        }
        long rss = resident.getAsLong();
        if (rss + reserve > budget - margin()) {
            rss = trim();
        }
        rearmAt = Math.max(soft(), rss + STEP);
        long headroom = budget - margin() - rss - reserve;
        if (headroom < 0) {
            worstOver = Math.max(worstOver, -headroom);
        }
        return headroom / Math.max(1, active);
    }

    /** During the work: trims when resident memory passed the budget less its margin (see the class comment). */
    public synchronized void check() {
        if (budget == Long.MAX_VALUE) {
            return;
        }
        long rss = resident.getAsLong();
        if (rss >= 0 && rss > rearmAt) {
            rss = trim();
            rearmAt = Math.max(soft(), rss + STEP);
        }
    }

    /**
     * Hands freed memory back and returns the resident memory that is left: what the process needs
     * at this point (before the first network: the JVM, libtorch and the images).
     */
    public synchronized long settle() {
        if (!bounded()) {
            return resident.getAsLong();
        }
        long rss = trim();
        rearmAt = Math.max(soft(), rss + STEP);
        return rss;
    }

    /** The budget less the margin the governor keeps below it: what the live set may reach. */
    public long usable() {
        return budget - margin();
    }

    private long trim() {
        long t0 = System.nanoTime();
        trimmer.getAsBoolean();
        trimNanos += System.nanoTime() - t0;
        trims++;
        return resident.getAsLong();
    }

    private long margin() {
        return (long) (budget * MARGIN);
    }

    private long soft() {
        return budget - margin();
    }

    /** What the governor did: trims and their seconds, and the most the live set exceeded the budget by. */
    public record Stats(long budget, int trims, double trimSeconds, long worstOver) {}

    public synchronized Stats stats() {
        return new Stats(budget, trims, trimNanos / 1e9, worstOver);
    }
}
