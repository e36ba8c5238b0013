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
 * <p>The third lever, glibc's mmap threshold ({@link NativeMemory#mmapFrom}): a network whose working set
 * leaves the heap less than twice its own size again to fragment into runs with a low threshold (large
 * blocks mmapped, returned the moment they are freed); every other network with the high one (large
 * blocks reused from the heap, no page faults). On the slab of {@code bench search} the low threshold
 * for every network made the sweep 3× slower; for the largest 3x96x96 networks it is what keeps a
 * 1 GB budget.
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
    /**
     * A network runs with the high mmap threshold only if resident memory and this many times its
     * working set fit the budget: glibc's heap may grow to about three times the live set between
     * trims (freed blocks of other sizes it cannot reuse). With twice, 300 3x96x96 networks at
     * {@code --max-memory 1g} peaked at 1,109 MB (docs/benchmarks.md).
     */
    static final int HEAP_ROOM = 3;

    private static final Map<Long, MemoryGovernor> PROCESS = new HashMap<>();
    private static final MemoryGovernor UNBOUNDED = new MemoryGovernor(Long.MAX_VALUE, () -> -1, () -> false);

    private final long budget;
    private final LongSupplier resident;
    private final BooleanSupplier trimmer;
    private final LongConsumer mmapFrom;
    private final long low; // the mmap threshold for a network short of room
    private final long high; // the mmap threshold otherwise
    private int admits;
    private int lowAdmits;
    private int active;
    private long rearmAt; // resident memory above which check() trims again
    private int trims;
    private long trimNanos;
    private long worstOver; // most bytes over the budget seen by admit after trimming

    /** A governor reading {@code resident} and trimming with {@code trimmer}; tests give their own. */
    MemoryGovernor(long budget, LongSupplier resident, BooleanSupplier trimmer) {
        this(budget, resident, trimmer, t -> { }, -1, -1);
    }

    /** As above, setting glibc's mmap threshold through {@code mmapFrom} to {@code low} or {@code high} per network. */
    MemoryGovernor(long budget, LongSupplier resident, BooleanSupplier trimmer, LongConsumer mmapFrom, long low,
            long high) {
        this.budget = budget;
        this.resident = resident;
        this.trimmer = trimmer;
        this.mmapFrom = mmapFrom;
        this.low = low;
        this.high = high;
        this.rearmAt = soft();
    }

    /** This process's governor for {@code b} (resolved here); {@link MemoryBudget#NONE} never trims or limits. */
    public static synchronized MemoryGovernor of(MemoryBudget b) {
        long bytes = b.resolve();
        if (bytes == Long.MAX_VALUE) {
            return UNBOUNDED;
        }
        return PROCESS.computeIfAbsent(bytes, b2 -> new MemoryGovernor(b2, ResidentMemory::currentBytes,
                NativeMemory::trim, NativeMemory::mmapFrom, NativeMemory.mmapThreshold(b2), NativeMemory.loose()));
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
     * Trims first when resident memory and the reserve together exceed the budget. Sets the mmap
     * threshold for the network: high when resident memory and {@value #HEAP_ROOM} reserves fit, low
     * otherwise. (Leaving that room out of the cache's share as well starved the cache on the bench
     * slab: twice the layer-batches, no faster.)
     */
    public synchronized long admit(long reserve) {
        if (!bounded()) {
            return Long.MAX_VALUE;
        }
        long rss = resident.getAsLong();
        if (rss + reserve > budget - margin()) {
            rss = trim();
        }
        rearmAt = Math.max(soft(), rss + STEP);
        boolean room = rss + HEAP_ROOM * reserve <= budget - margin();
        threshold(!room);
        admits++;
        lowAdmits += room ? 0 : 1;
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
            lowAdmits += lowNow ? 0 : 1;
            threshold(true); // the heap outgrew its room: the rest of this network mmaps its large blocks
        }
    }

    private boolean lowNow;

    /** Sets the process's threshold each time (another governor in this process may have changed it; unchanged it costs nothing). */
    private void threshold(boolean lowFor) {
        mmapFrom.accept(lowFor ? low : high);
        lowNow = lowFor;
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

    /**
     * What the governor did: trims and their seconds, the most the live set exceeded the budget by,
     * networks admitted, and how many of them ran (from the start or after a trim) with the low mmap threshold.
     */
    public record Stats(long budget, int trims, double trimSeconds, long worstOver, int networks, int lowThreshold) {}

    public synchronized Stats stats() {
        return new Stats(budget, trims, trimNanos / 1e9, worstOver, admits, lowAdmits);
    }
}
