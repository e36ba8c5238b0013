package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.convprobe.arch.Layer;
import io.convprobe.arch.ShapeInference;
import io.convprobe.memory.MemoryGovernor;
import io.convprobe.memory.NativeMemory;
import io.convprobe.nn.ChannelsLast;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.FftConv2d;
import io.convprobe.nn.LayerShape;
import io.convprobe.nn.ProbeLayer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Measures one {@link LayerShape}: the layer (random weights: time does not depend on their values)
 * on a random input batch of the probe's batch size, one untimed warm-up call, then the fastest of
 * at least {@code batches} timed calls. For a conv whose multiply-add count favours the FFT
 * ({@link FftConv2d#worthTrying}), {@link FftConv2d} is timed the same way and the faster one is
 * chosen. Identity layers cost zero and are not run.
 */
public final class LayerTimer implements LayerTimings.Measure {
    private final int batchSize;
    private final int batches;
    private final NDManager parent;
    private final MemoryGovernor governor; // null: measures without asking a budget
    private final Runnable dropCache;

    /** Arrays live in sub-managers of {@code parent}, freed after each measurement. */
    public LayerTimer(int batchSize, int batches, NDManager parent) {
        this(batchSize, batches, parent, null, () -> { });
    }

    private LayerTimer(int batchSize, int batches, NDManager parent, MemoryGovernor governor, Runnable dropCache) {
        if (batches < 1) {
            throw new IllegalArgumentException("batches must be >= 1, got " + batches);
        }
        this.batchSize = batchSize;
        this.batches = batches;
        this.parent = parent;
        this.governor = governor;
        this.dropCache = dropCache;
    }

    /**
     * This timer, measuring inside {@code governor}'s budget: before a measurement it admits the
     * measurement's working set ({@link #workingBytes}) like a network's, and when that leaves no room
     * it runs {@code dropCache} (the sweep drops its cached activations, which later networks
     * recompute) and hands the freed memory back; after it, it hands back what the measurement's heap
     * blocks left. Without this a first run under {@code --max-memory 1g} peaked at 1,237 MB on its
     * first network alone, and at 1,448 MB over 300 (docs/benchmarks.md).
     */
    public LayerTimer within(MemoryGovernor governor, Runnable dropCache) {
        return new LayerTimer(batchSize, batches, parent, governor, dropCache);
    }

    public int batchSize() {
        return batchSize;
    }

    /** Seconds of the one-time warm-up before a timer's first measurement. */
    static final double ENGINE_WARM_UP_SECONDS = 0.3;
    private boolean warmedUp;

    /** Timed with large blocks from the heap ({@link io.convprobe.memory.NativeMemory#withHeapBlocks}): its arithmetic, not a budget's page faults. */
    @Override
    public LayerTiming measure(LayerShape shape) {
        boolean bounded = governor != null && !shape.isIdentity() && governor.bounded();
        if (bounded && governor.admit(workingBytes(shape, batchSize)) < 0) {
            dropCache.run();
            governor.settle();
        }
        try {
            return onTimerThread(() -> NativeMemory.withHeapBlocks(() -> measureHere(shape)));
        } finally {
            if (bounded) {
                // Its heap blocks are freed but kept by glibc. Handed back only near the budget (check),
                // they starved the cache and a first 300-network search at 1 GiB peaked at 1,034 MB
                // against 952 MB with a trim after each measurement (docs/benchmarks.md).
                governor.settle();
            }
        }
    }

    /**
     * Changes whenever what a timing reads may change, so the per-user timing cache does not mix
     * readings of two timers (2: measured on a thread of its own, whose first large-ReLU readings no
     * longer come out 25× slow; docs/design.md).
     */
    public static final int REVISION = 2;

    /**
     * The measurements run on a thread of their own, so their heap blocks go to that thread's malloc
     * arena: in the sweep's arena glibc served the next network's large blocks from the free chunks a
     * measurement left (even after a trim, which returns pages, not chunks) instead of mapping and
     * unmapping them, and a 25,088-feature network right after its new timings peaked at 1,003 MB at
     * {@code --max-memory 1g}, against 628 MB with its timings cached (docs/design.md). On the
     * caller's thread, a 32×94×94 ReLU's second measurement of a process also read 1.47–1.51 ms per
     * image, 25× its other readings, in 3 of 5 runs; on this thread 0 of 5. libtorch sizes the
     * thread's intra-op pool from the process's setting ({@code at::set_num_threads}).
     */
    private static final ExecutorService TIMER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "convprobe-layer-timer");
        t.setDaemon(true);
        return t;
    });

    private static <T> T onTimerThread(Supplier<T> work) {
        Future<T> f = TIMER.submit(work::get);
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing a layer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * About the bytes measuring {@code shape} holds at its peak: the random input batch and its
     * channels-last copy, three outputs (one being freed as the next is made, oneDNN's reordered
     * copy), the FFT's buffers where the FFT is timed ({@link FftConv2d#workingBytes}), and
     * libtorch's scratch ({@link WorkingSet#SLACK}). Measured against it (resident peak above the
     * start): a ReLU on 32×94×94 at batch 32 +190 MB (estimate 204), a k5 s2 conv there with its
     * FFT timed +266–297 MB (estimate 384).
     */
    public static long workingBytes(LayerShape shape, int batch) {
        long in = 4L * batch * shape.input().elements();
        long out = in;
        long fft = 0;
        if (shape.layer() instanceof Layer.Conv c) {
            long ho = ShapeInference.outSize(shape.input().height(), c.effectiveKernel(), c.stride(), c.padding());
            long wo = ShapeInference.outSize(shape.input().width(), c.effectiveKernel(), c.stride(), c.padding());
            out = 4L * batch * c.outChannels() * ho * wo;
            fft = FftConv2d.worthTrying(shape) ? FftConv2d.workingBytes(shape, batch) : 0;
        }
        return 2 * in + 3 * out + fft + WorkingSet.SLACK;
    }

    private LayerTiming measureHere(LayerShape shape) {
        if (shape.isIdentity()) {
            return new LayerTiming(0, Double.NaN, ConvAlgorithm.DIRECT);
        }
        if (!warmedUp) {
            warmUpEngine();
            warmedUp = true;
        }
        try (NDManager m = parent.newSubManager()) {
            ProbeLayer layer = ProbeLayer.random(shape, m);
            long[] dims = new long[shape.input().dims().size() + 1];
            dims[0] = batchSize;
            for (int i = 1; i < dims.length; i++) {
                dims[i] = shape.input().dims().get(i - 1);
            }
            NDArray x = ChannelsLast.batch(m.randomUniform(0, 1, new Shape(dims))); // the sweep's layout
            double direct = seconds(layer, x, Double.POSITIVE_INFINITY);
            double fft = Double.NaN;
            if (shape.layer() instanceof Layer.Conv && FftConv2d.worthTrying(shape)) {
                fft = seconds(layer.withFft(), x, FFT_GIVE_UP * direct);
            }
            ConvAlgorithm algo = fft < direct ? ConvAlgorithm.FFT : ConvAlgorithm.DIRECT;
            return new LayerTiming(direct / batchSize, fft / batchSize, algo);
        }
    }

    /**
     * The seconds that measuring a row like {@code t} again takes (as {@link LayerTimings#confirm}
     * does before a cut), from the row itself: per algorithm measured, the warm-up (one call, at
     * least {@link #WARM_UP_SECONDS}) and the timed calls ({@code batches} calls, at least
     * {@link #MIN_SECONDS}), each at most {@link #MAX_CALLS} calls of {@code batchSize} images at
     * the row's seconds per image; an FFT slower than {@link #FFT_GIVE_UP} × the direct one is
     * timed once.
     */
    public static double measureCost(LayerTiming t, int batchSize, int batches) {
        double cost = 0;
        for (double perImage : new double[] {t.directSeconds(), t.fftSeconds()}) {
            if (Double.isNaN(perImage) || perImage <= 0) {
                continue;
            }
            double call = perImage * batchSize;
            boolean givesUp = perImage == t.fftSeconds() && perImage > FFT_GIVE_UP * t.directSeconds();
            cost += Math.min(MAX_CALLS * call, Math.max(call, WARM_UP_SECONDS))
                    + (givesUp ? call : Math.min(MAX_CALLS * call, Math.max(batches * call, MIN_SECONDS)));
        }
        return cost;
    }

    /** Timed calls go on past {@code batches} until this many seconds are spent (cheap layers), at most {@link #MAX_CALLS}. */
    static final double MIN_SECONDS = 0.02;
    static final int MAX_CALLS = 100;
    static final double WARM_UP_SECONDS = 0.01;

    /**
     * The fastest of the timed calls on {@code x} after untimed warm-up calls (one, more until 10 ms are spent): at least
     * {@code batches} calls, more for cheap layers until {@link #MIN_SECONDS} are spent. The
     * minimum, not the mean or median: libtorch's OpenMP threads wait at a barrier on every op, so a
     * call on a machine with other work can take 10–100× longer (measured: 0.4 to 2.1 ms for the same
     * 28×28 conv), and those delays say nothing about the layer.
     */
    private double seconds(ProbeLayer layer, NDArray x, double giveUpAbove) {
        // warm-up: one call, more until WARM_UP_SECONDS (the first shapes after engine start need several)
        long w0 = System.nanoTime();
        for (int i = 0; i < MAX_CALLS && (i < 1 || System.nanoTime() - w0 < WARM_UP_SECONDS * 1e9); i++) {
            run(layer, x);
        }
        return fastest(() -> {
            long t0 = System.nanoTime();
            run(layer, x);
            return (System.nanoTime() - t0) / 1e9;
        }, batches, giveUpAbove);
    }

    /**
     * The FFT's timing stops after its first timed call when that call took more than this many
     * times the direct convolution's fastest: it cannot be chosen then, short of a delay of the same
     * size, and a busy machine's delays only ever send a shape to the direct convolution (exact, and
     * the same on every machine). On the AVX-512 machine the FFT lost on every slab shape, and its
     * full timing (warm-up + at least 3 calls of a 2–3× slower algorithm on 40 % of the shapes) was
     * much of the timing table's cost in a first run.
     */
    static final double FFT_GIVE_UP = 2.0;

    /**
     * The fastest of {@code call}'s readings (each call returns its seconds): at least
     * {@code batches} calls, more until {@link #MIN_SECONDS} are spent, at most {@link #MAX_CALLS};
     * but only one when it already took more than {@code giveUpAbove}.
     */
    static double fastest(java.util.function.DoubleSupplier call, int batches, double giveUpAbove) {
        double best = Double.MAX_VALUE;
        double spent = 0;
        for (int i = 0; i < MAX_CALLS && (i < batches || spent < MIN_SECONDS); i++) {
            double t = call.getAsDouble();
            best = Math.min(best, t);
            spent += t;
            if (best > giveUpAbove) {
                break;
            }
        }
        return best;
    }

    /**
     * Convs and activations for {@link #ENGINE_WARM_UP_SECONDS} before the first measurement: right
     * after start-up the JVM still interprets DJL's call path and libtorch sets up its thread pool,
     * which made the first networks of a run read 50–150× slower than the same layers later.
     */
    private void warmUpEngine() {
        LayerShape conv = LayerShape.parse("16x24x24 c16k3");
        LayerShape act = LayerShape.parse("16x22x22 relu");
        try (NDManager m = parent.newSubManager()) {
            ProbeLayer c = ProbeLayer.random(conv, m);
            ProbeLayer r = ProbeLayer.random(act, m);
            NDArray x = m.randomUniform(0, 1, new Shape(batchSize, 16, 24, 24));
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < ENGINE_WARM_UP_SECONDS * 1e9) {
                NDArray y = c.apply(x);
                NDArray z = r.apply(y);
                y.close();
                z.close();
            }
        }
    }

    private static void run(ProbeLayer layer, NDArray x) {
        NDArray y = layer.apply(x);
        if (y != x) {
            y.close();
        }
    }
}
