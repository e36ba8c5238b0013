package io.convprobe.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.LayerInfo;
import io.convprobe.arch.ShapeInference;
import io.convprobe.probe.RidgeClassifier;
import io.convprobe.probe.RidgeScorer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Predicts a sweep's time before running it: seconds per conv multiply-accumulate and per Gram
 * multiply-accumulate measured on this machine in a few seconds ({@link #calibrate}), plus the
 * n×n solve, applied to the work the shared-prefix sweep does for a list of specs in order (each
 * distinct prefix once per trial, each network's standalone timing, one Gram per network).
 * Micro-benchmarks misjudge real layers (a 3-channel 7×7 stride-2 conv runs at another rate than a
 * 32-channel 3×3), so callers {@link #scaled} it to a short real pilot sweep.
 */
public record CostModel(double secondsPerConvMac, double secondsPerGramMac, double solveSeconds) {

    /** The work a trial-0 pass over {@code specs} does, and its predicted seconds. */
    public record Estimate(int archs, double convMacs, double gramMacs, double seconds) {}

    /** Times a representative conv, a Gram product and an n×n solve on the engine and JVM. */
    public static CostModel calibrate(io.convprobe.arch.Shape input, int trainSize) {
        try (NDManager m = NDManager.newBaseManager()) {
            int h = Math.max(8, Math.min(48, input.height()));
            NDArray x = m.randomUniform(0, 1, new Shape(32, 32, h, h));
            NDArray w = m.randomUniform(-0.1f, 0.1f, new Shape(32, 32, 3, 3));
            NDArray b = m.zeros(new Shape(32));
            Conv2d.conv2d(x, w, b).close(); // warm-up
            double macs = 32.0 * 32 * 9 * 32 * (h - 2) * (h - 2);
            double convSeconds = best(3, () -> {
                try (NDManager s = m.newSubManager()) {
                    NDArray y = Conv2d.conv2d(x, w, b).singletonOrThrow();
                    y.attach(s);
                }
            });
            int d = 8192;
            NDArray f = m.randomUniform(0, 1, new Shape(trainSize, d));
            NDArray ft = f.transpose();
            f.matMul(ft).close();
            double gramSeconds = best(3, () -> {
                try (NDManager s = m.newSubManager()) {
                    NDArray g = f.matMul(ft);
                    g.attach(s);
                }
            });
            double gramMacs = (double) trainSize * trainSize * d;
            double[] k = spd(trainSize);
            int[] labels = new int[trainSize];
            for (int i = 0; i < trainSize; i++) {
                labels[i] = i % 10;
            }
            RidgeClassifier ridge = new RidgeClassifier();
            double solve = best(5, () -> ridge.fitKernel(k, trainSize, labels, 10)); // several: the JIT warms up on the first
            return new CostModel(convSeconds / macs, gramSeconds / gramMacs, solve);
        }
    }

    /**
     * The model for {@code data} and {@code settings}: micro-benchmarks, then scaled so that it
     * predicts a real pilot sweep of a few of {@code valid} drawn at random (after a warm-up of the
     * engine and the JIT) exactly.
     */
    public static CostModel calibrated(io.convprobe.data.Dataset data, io.convprobe.probe.ProbeSettings settings,
            List<ArchSpec> valid) {
        if (valid.isEmpty()) {
            throw new io.convprobe.UserException("nothing to probe: no candidate is valid for " + data.imageShape());
        }
        io.convprobe.arch.Shape input = data.imageShape();
        CostModel micro = calibrate(input, settings.trainSize());
        SplittableRandom rng = new SplittableRandom(settings.seed());
        List<ArchSpec> warm = new java.util.ArrayList<>();
        List<ArchSpec> pilot = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            warm.add(valid.get(rng.nextInt(valid.size())));
        }
        for (int i = 0; i < 6; i++) {
            pilot.add(valid.get(rng.nextInt(valid.size())));
        }
        double seconds;
        try (io.convprobe.probe.PrefixSweep sweep = new io.convprobe.probe.PrefixSweep(data, settings)) {
            sweep.run(warm, 1, 0, (spec, r) -> { }); // another trial: nothing the pilot can reuse
            long t0 = System.nanoTime();
            sweep.run(pilot, 0, 0, (spec, r) -> { });
            seconds = (System.nanoTime() - t0) / 1e9;
        }
        double predicted = micro.estimate(pilot, input, settings).seconds();
        return micro.scaled(seconds / predicted);
    }

    /** Decision columns assumed for the weights and decision products (10 classes). */
    static final int CLASSES = 10;

    private static double[] spd(int n) {
        SplittableRandom rng = new SplittableRandom(1);
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            k[i * n + i] = n;
            for (int j = 0; j < i; j++) {
                double v = rng.nextDouble();
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        }
        return k;
    }

    private static double best(int runs, Runnable r) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    /**
     * The predicted seconds of one trial over {@code specs} in this order with the shared-prefix
     * sweep. Layers new to the path (not shared with the previous spec) run on every image plus one
     * warm-up batch; shared layers run only in the standalone timing ({@code timingBatches} batches,
     * whose outputs the features reuse); one Gram matrix per network ({@code trainSize}² ×
     * features, three quarters of it from 128 samples on, as {@code RidgeScorer} forms it) plus the weights and decision
     * products; one solve.
     */
    public Estimate estimate(List<ArchSpec> specs, io.convprobe.arch.Shape input, int trainSize, int testSize,
            int batchSize, int timingBatches) {
        double conv = 0;
        double gram = 0;
        ArchSpec previous = null;
        int images = trainSize + testSize;
        int timed = Math.min(trainSize, timingBatches * batchSize);
        double gramShare = trainSize >= RidgeScorer.SPLIT_GRAM_ROWS ? 0.75 : 1.0;
        for (ArchSpec spec : specs) {
            ArchSummary s = ShapeInference.infer(spec, input);
            int shared = previous == null ? 0 : commonPrefix(previous, spec);
            for (LayerInfo l : s.layers()) {
                if (l.layer() instanceof Layer.Conv) {
                    conv += (double) l.macs() * (l.index() >= shared ? images + batchSize : timed);
                }
            }
            gram += gramShare * trainSize * trainSize * s.features() + (double) images * s.features() * CLASSES;
            previous = spec;
        }
        double seconds = conv * secondsPerConvMac + gram * secondsPerGramMac + specs.size() * solveSeconds;
        return new Estimate(specs.size(), conv, gram, seconds);
    }

    /** The estimate with the sweep's default timing ({@code PrefixSweep.Options.DEFAULT}). */
    public Estimate estimate(List<ArchSpec> specs, io.convprobe.arch.Shape input, io.convprobe.probe.ProbeSettings settings) {
        return estimate(specs, input, settings.trainSize(), settings.testSize(), settings.batchSize(),
                io.convprobe.probe.PrefixSweep.Options.DEFAULT.timingBatches());
    }

    /** This model with every cost multiplied by {@code factor} (e.g. measured / predicted on a pilot). */
    public CostModel scaled(double factor) {
        return new CostModel(secondsPerConvMac * factor, secondsPerGramMac * factor, solveSeconds * factor);
    }

    private static int commonPrefix(ArchSpec a, ArchSpec b) {
        int i = 0;
        while (i < a.layers().size() && i < b.layers().size() && a.layers().get(i).equals(b.layers().get(i))) {
            i++;
        }
        return i;
    }
}
