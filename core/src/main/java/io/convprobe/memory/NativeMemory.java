package io.convprobe.memory;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Keeps glibc from handing libtorch's freed tensor memory back to the kernel, so the next tensor of
 * the same size reuses warm pages instead of faulting in fresh ones.
 *
 * <p>Why: glibc serves blocks above its mmap threshold (128 KiB at start, adapting upwards) with
 * {@code mmap} and unmaps them on free, and trims the top of its heaps when more than 128 KiB is
 * free. Every activation and gradient of a training step or a probe batch is such a block, so every
 * step pays a page fault per 4 KiB touched. On the build machines (a Firecracker VM) a fault costs
 * about 8 µs: allocating a 60 MB tensor took 120 ms instead of 3 ms, and training tutorial-net ran at
 * 4,900 images/s instead of 8,100 (docs/benchmarks.md). Python's PyTorch on the same machine does not
 * suffer from this, so it is our process's pattern, not libtorch's.
 *
 * <p>{@link #tune()} sets, through {@code mallopt}: the mmap threshold to 256 MiB (so smaller
 * blocks come from the heap and are reused), the trim threshold very high (freed heap memory
 * stays mapped) and a 64 MiB top pad (the heap grows in large steps). Resident memory then stays at
 * its high-water mark instead of breathing with every batch. That high-water mark is up to three
 * times the live peak (libtorch's blocks of many sizes fragment the heaps), so a process with a
 * memory budget ({@link MemoryGovernor}) hands the free pages back with {@link #trim()} when its
 * resident memory nears the budget, and only then: re-touching them costs the faults again.
 *
 * <p>The launcher also sets {@code GLIBC_TUNABLES=glibc.malloc.hugetlb=1}: glibc then asks for
 * transparent huge pages for its heaps, one fault per 2 MiB instead of per 4 KiB, which makes a trim
 * (and the first touch of anything) far cheaper: on the 3x96x96 seed-space sweep, trimming after
 * every network cost +26 % with it against +70 % without (docs/benchmarks.md, issue 24).
 *
 * <p>Glibc Linux only; elsewhere, or if {@code mallopt} is missing, it does nothing. Environment
 * variables a user set ({@code MALLOC_MMAP_THRESHOLD_} etc., malloc tunables other than
 * {@code hugetlb}) and a preloaded allocator (jemalloc) win: glibc's {@code mallopt} is then not
 * consulted or not overriding them.
 */
public final class NativeMemory {
    // glibc's malloc.h parameter numbers
    static final int M_TRIM_THRESHOLD = -1;
    static final int M_TOP_PAD = -2;
    static final int M_MMAP_THRESHOLD = -3;

    /**
     * Blocks up to 256 MiB come from the heap: every per-batch activation and most feature matrices
     * (500 × 30,000 floats is 60 MB). Larger ones (cached sweep levels) stay mmapped, so they are
     * returned when freed. Older glibc caps the threshold at 32 MiB (HEAP_MAX_SIZE / 2); we fall back
     * to that.
     */
    static final int MMAP_THRESHOLD = 256 << 20;
    static final int MMAP_THRESHOLD_FALLBACK = 32 << 20;
    static final int TOP_PAD = 64 << 20;
    /** An int parameter: 2 GiB − 1, i.e. "trim only when over 2 GiB is free at the top". */
    static final int TRIM_THRESHOLD = Integer.MAX_VALUE;

    private static Boolean tuned;

    private NativeMemory() {}

    interface LibC extends Library {
        int mallopt(int param, int value);

        int malloc_trim(long pad);
    }

    /** Under a budget B, blocks from B / this many bytes up are mmapped (see {@link #mmapFrom}). */
    static final int BUDGET_SHARE = 256;
    static final int MIN_BOUNDED_THRESHOLD = 1 << 20;
    private static long threshold = -1; // the mmap threshold in force, -1: not set by us
    private static long loose = -1; // the threshold tune() set

    private static LibC libc; // null: not loaded (yet, or not glibc)
    private static boolean trimUnavailable;

    /**
     * Applies the settings once per process; true if glibc accepted all three. Skipped (false) when
     * the user configured glibc's malloc through the environment or {@code -Dconvprobe.mallocTuning=false}.
     */
    public static synchronized boolean tune() {
        if (tuned == null) {
            tuned = apply();
        }
        return tuned;
    }

    private static boolean apply() {
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("linux")
                || !Boolean.parseBoolean(System.getProperty("convprobe.mallocTuning", "true"))
                || userConfigured()) {
            return false;
        }
        try {
            LibC c = libc();
            boolean mmap = false;
            for (int t : new int[] {MMAP_THRESHOLD, MMAP_THRESHOLD_FALLBACK}) {
                if (!mmap && c.mallopt(M_MMAP_THRESHOLD, t) == 1) {
                    mmap = true;
                    threshold = t;
                    loose = t;
                }
            }
            return mmap
                    & c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1
                    & c.mallopt(M_TOP_PAD, TOP_PAD) == 1;
        } catch (Throwable e) {
            return false; // not glibc (musl, no mallopt): the default allocator behaviour is still correct
        }
    }

    /**
     * Sets glibc's mmap threshold to {@code bytes}: a block of at least that size which the heap
     * cannot serve from its free memory is mmapped, and goes straight back to the kernel when freed.
     * {@link MemoryGovernor#admit} sets its budget's {@link #mmapThreshold} (budget / {@value
     * #BUDGET_SHARE}: 4 MiB for 1 GiB) before each network, so the heap stops growing by a network's
     * large activations, FFT buffers and feature matrices, whose freed space the governor's trims
     * (between batches) reach too late: 150 3x96x96 networks under 1 GiB peaked at 1,104 MB with the
     * 256 MiB threshold and 942 MB with 4 MiB (docs/benchmarks.md). The price: an mmapped block pays
     * its page faults on every use (6 ms for an 8 MB block with huge pages, 28 ms without, on our
     * VMs; {@code tools/mmap-cost.c}), so a larger budget's larger threshold buys speed back. True if
     * glibc took it; does nothing where {@link #tune} did nothing.
     */
    public static synchronized boolean mmapFrom(long bytes) {
        if (!tune() || bytes <= 0) {
            return false;
        }
        if (bytes == threshold) {
            return true;
        }
        try {
            if (libc().mallopt(M_MMAP_THRESHOLD, (int) Math.min(Integer.MAX_VALUE, bytes)) == 1) {
                threshold = bytes;
                return true;
            }
        } catch (Throwable e) {
            // not glibc: nothing to set
        }
        return false;
    }

    /**
     * Runs {@code work} with the high threshold ({@link #loose}), then puts back the one in force: for
     * a layer's timing, which must read the layer's arithmetic, not a budget's page faults. Under the
     * default budget's 5 MiB threshold the bench slab's timing table read a median 0.55× the full
     * pass's throughput and ranked the networks at Spearman ρ 0.62 (1.04 and 0.93 with the high one).
     * A timing's blocks are a batch's, freed at once and reused from the heap. The threshold is the
     * process's: a prober on another thread (a Spark executor's task slots) runs at the high one
     * meanwhile, which costs memory, never results.
     */
    public static <T> T withHeapBlocks(java.util.function.Supplier<T> work) {
        long before = threshold();
        if (before <= 0 || before == loose()) {
            return work.get();
        }
        mmapFrom(loose());
        try {
            return work.get();
        } finally {
            mmapFrom(before);
        }
    }

    /** The threshold in force: {@link #MMAP_THRESHOLD} (or its fallback) after {@link #tune}, then what {@link #mmapFrom} set; −1 when none. */
    static synchronized long threshold() {
        return threshold;
    }

    /** The threshold {@link #tune} set: blocks below it come from the heap and are reused (−1 when untuned). */
    public static synchronized long loose() {
        return tune() ? loose : -1;
    }

    /** The mmap threshold under a budget: budget / {@value #BUDGET_SHARE}, within [1 MiB, {@link #MMAP_THRESHOLD}]. */
    static long mmapThreshold(long budget) {
        return Math.max(MIN_BOUNDED_THRESHOLD, Math.min(MMAP_THRESHOLD, budget / BUDGET_SHARE));
    }

    private static synchronized LibC libc() {
        if (libc == null) {
            libc = Native.load("c", LibC.class);
        }
        return libc;
    }

    /**
     * Returns the free memory of every malloc arena to the kernel ({@code malloc_trim(0)}: the top of
     * each heap and every whole free page inside them); true if glibc released something. Costs a few
     * milliseconds, and the faults when that memory is touched again. Does nothing (false) off glibc.
     */
    public static synchronized boolean trim() {
        if (trimUnavailable || !System.getProperty("os.name", "").toLowerCase().startsWith("linux")) {
            return false;
        }
        try {
            return libc().malloc_trim(0) == 1;
        } catch (Throwable e) {
            trimUnavailable = true; // musl, another libc: nothing to trim through
            return false;
        }
    }

    /** The user set up glibc's malloc (environment, tunables) or preloaded another allocator. */
    static boolean userConfigured() {
        return System.getenv().keySet().stream().anyMatch(k -> k.startsWith("MALLOC_") && k.endsWith("_"))
                || ownMallocTunables(System.getenv("GLIBC_TUNABLES"))
                || System.getenv().getOrDefault("LD_PRELOAD", "").contains("malloc");
    }

    /**
     * True if {@code tunables} ({@code GLIBC_TUNABLES}'s value) sets a malloc tunable other than
     * {@code glibc.malloc.hugetlb}, which the launcher sets itself and which works with our settings.
     */
    static boolean ownMallocTunables(String tunables) {
        if (tunables == null) {
            return false;
        }
        for (String t : tunables.split(":")) {
            String name = t.contains("=") ? t.substring(0, t.indexOf('=')).trim() : t.trim();
            if (name.startsWith("glibc.malloc.") && !name.equals("glibc.malloc.hugetlb")) {
                return true;
            }
        }
        return false;
    }
}
