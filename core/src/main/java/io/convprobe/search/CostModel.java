package io.convprobe.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.LayerInfo;
import io.convprobe.arch.ShapeInference;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTimer;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.stats.RidgeClassifier;
import io.convprobe.stats.RidgeScorer;
import io.convprobe.proxy.HammingKernel;
import io.convprobe.proxy.Proxies;
import io.convprobe.proxy.ProxyInput;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Predicts a sweep's time before running it, from the same timing table the sweep uses
 * ({@link LayerTimings}: seconds per image of every distinct layer shape, with the algorithm the
 * sweep computes it with) plus a micro-benchmarked Gram product and n×n solve per network. It walks
 * the candidate list in order as the sweep does: a network whose table throughput is below the
 * minimum costs only the re-measuring of its layers before the cut (no weights or features, and
 * the cached path stays where it was); otherwise the layers from the sweep's restart point (after
 * the deepest cached level of the prefix it shares with the path: outputs of layers not followed
 * by an activation) run on every train and test image, at the table's seconds per image.
 *
 * <p>Not counted: the table's own first measurements (done once; {@code search --dry-run} adds
 * them when the search will redo them), the proxies other than NASWOT's Grams (timed apart by
 * {@code ProxyCost}), per-batch overheads outside the layers (slicing, flatten, concatenation),
 * JIT warm-up, and the cache budget (the model assumes every cacheable level fits). Checked
 * against real runs by {@code tools/check-cost-model.sh}: it reads 1.08–1.15× low.
 *
 * @param secondsPerGramMac seconds per multiply-add of the Gram and decision products
 * @param solveSeconds      seconds of one n×n ridge solve on the JVM
 * @param table             per-layer costs and conv algorithms
 */
public record CostModel(double secondsPerGramMac, double solveSeconds, LayerTimings table) {

    /**
     * The work a trial-0 pass over the specs does and its predicted seconds ({@code layerSeconds}
     * of them in the layers, {@code cutSeconds} re-measuring the networks it cuts).
     */
    public record Estimate(int archs, int cut, double convMacs, double gramMacs, double layerSeconds, double cutSeconds,
            double seconds) {
        /** Predicted seconds of each trial after the first: the same work without the cuts (cut networks stop at trial 0). */
        public double laterTrialSeconds() {
            return seconds - cutSeconds;
        }
    }

    /** Decision columns assumed for the weights and decision products (10 classes). */
    static final int CLASSES = 10;

    /** Times a Gram product and an n×n solve on the engine and JVM; layer costs come from {@code table}. */
    public static CostModel calibrate(int trainSize, LayerTimings table) {
        try (NDManager m = NDManager.newBaseManager()) {
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
            return new CostModel(gramSeconds / gramMacs, solve, table);
        }
    }

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
     * What one trial asks of the sweep.
     *
     * @param naswotImages codes per ReLU for NASWOT's kernel (0: NASWOT off)
     * @param batchSize    the timer's batch, for re-measuring a network's layers before it is cut
     */
    public record Work(int trainSize, int testSize, double minThroughput, int naswotImages, int batchSize) {
        /** The probe's sizes and cut; NASWOT's codes when {@code proxies} has it (the others are timed apart: {@code ProxyCost}). */
        public static Work of(ProbeSettings s, Proxies proxies) {
            int naswot = proxies.contains("naswot") ? Math.min(ProxyInput.NASWOT_IMAGES, s.trainSize()) : 0;
            return new Work(s.trainSize(), s.testSize(), s.minThroughput(), naswot, s.batchSize());
        }
    }

    /** {@link #estimate(List, io.convprobe.arch.Shape, Work)} without NASWOT, batch 32. */
    public Estimate estimate(List<ArchSpec> specs, io.convprobe.arch.Shape input, int trainSize, int testSize,
            double minThroughput) {
        return estimate(specs, input, new Work(trainSize, testSize, minThroughput, 0, 32));
    }

    /** The estimate for the probe's sizes and throughput cut, without proxies. */
    public Estimate estimate(List<ArchSpec> specs, io.convprobe.arch.Shape input, ProbeSettings settings) {
        return estimate(specs, input, Work.of(settings, Proxies.parse("none")));
    }

    /** The estimate for the probe's sizes and throughput cut, with NASWOT's code Grams when {@code proxies} has it. */
    public Estimate estimate(List<ArchSpec> specs, io.convprobe.arch.Shape input, ProbeSettings settings, Proxies proxies) {
        return estimate(specs, input, Work.of(settings, proxies));
    }

    /**
     * The predicted seconds of one trial over {@code specs} in this order with the shared-prefix
     * sweep (see the class comment); one Gram matrix per scored network ({@code trainSize}² ×
     * features, three quarters of it from {@link RidgeScorer#SPLIT_GRAM_ROWS} samples on) plus the
     * weights and decision products, and one solve. With NASWOT, its code Gram matrices: the sweep
     * takes the binary codes of every ReLU it computes on the first {@code naswotImages} training
     * images and multiplies them out (m² × the ReLU's output elements per new level, priced like
     * the ridge Gram), so that score needs no forward pass of its own. A network below the minimum
     * throughput costs the re-measuring of its layers ({@link LayerTimer#measureCost}) that the
     * sweep does before it cuts.
     */
    public Estimate estimate(List<ArchSpec> specs, io.convprobe.arch.Shape input, Work work) {
        double conv = 0;
        double gram = 0;
        double layerSeconds = 0;
        double cutSeconds = 0;
        int scored = 0;
        int cut = 0;
        ArchSpec path = null;
        int trainSize = work.trainSize();
        int images = trainSize + work.testSize();
        double gramShare = trainSize >= RidgeScorer.SPLIT_GRAM_ROWS ? 0.75 : 1.0;
        for (ArchSpec spec : specs) {
            ArchSummary s = ShapeInference.infer(spec, input);
            if (table.throughput(s) < work.minThroughput()) {
                cut++;
                for (LayerShape l : new java.util.LinkedHashSet<>(LayerShape.of(s))) {
                    cutSeconds += LayerTimer.measureCost(table.of(l), work.batchSize(), PrefixSweep.TABLE_BATCHES);
                }
                continue;
            }
            int start = restart(path, spec);
            for (int i = start; i < s.layers().size(); i++) {
                LayerInfo l = s.layers().get(i);
                layerSeconds += table.featureSeconds(s, i) * images;
                if (l.layer() instanceof Layer.Conv) {
                    conv += (double) l.macs() * images;
                }
                if (work.naswotImages() > 0 && HammingKernel.isRelu(l.layer())) {
                    gram += (double) work.naswotImages() * work.naswotImages() * l.output().elements();
                }
            }
            gram += gramShare * trainSize * trainSize * s.features() + (double) images * s.features() * CLASSES;
            scored++;
            path = spec;
        }
        double seconds = layerSeconds + gram * secondsPerGramMac + scored * solveSeconds + cutSeconds;
        return new Estimate(specs.size(), cut, conv, gram, layerSeconds, cutSeconds, seconds);
    }

    /**
     * The first layer the sweep computes for {@code spec} when its cached path is {@code path}:
     * just after the deepest cached level within the common prefix (a level is cached when its
     * layer is not followed by an activation and is not an identity), or 0.
     */
    static int restart(ArchSpec path, ArchSpec spec) {
        if (path == null) {
            return 0;
        }
        List<Layer> a = path.layers();
        List<Layer> b = spec.layers();
        int common = 0;
        while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) {
            common++;
        }
        for (int j = common; j > 0; j--) {
            Layer l = a.get(j - 1);
            boolean feedsActivation = j < a.size() && a.get(j) instanceof Layer.Act;
            boolean identity = l instanceof Layer.Dropout || (l instanceof Layer.Act act && act.fn() == Layer.Activation.IDENTITY);
            if (!feedsActivation && !identity) {
                return j;
            }
        }
        return 0;
    }
}
