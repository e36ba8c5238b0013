package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.ShapeInference;
import io.convprobe.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe over many architectures at once, sharing work between architectures with a common
 * prefix. Each layer's weights depend only on (seed, trial, that layer and the layers before it)
 * ({@link io.convprobe.nn.TorchInit}), so architectures sharing their first k layers share those
 * layers' outputs. Walking the specs in space order (shared prefixes adjacent) is a depth-first walk
 * of the prefix tree: the sweep keeps one path of cached activations (train + test images, batch by
 * batch, after each cached layer), computes each distinct prefix once per trial, and drops the part
 * of the path the next spec does not share.
 *
 * <p>Features are computed batch by batch (the probe's batches of {@code batchSize}) with the same
 * operations on the same values as {@link LinearProbe}, and scored by the same {@link RidgeScorer},
 * so an architecture gets the same features and accuracies here as probed alone.
 *
 * <p>Throughput comes first: each network is timed standalone (from the images, all its layers) on
 * {@link Options#timingBatches} batches of train images after one untimed warm-up batch (through
 * the layers new to the cached path: the others ran moments ago) — slice, forward, flatten per
 * batch, {@code System.nanoTime()} around the loop. A network below the minimum throughput is cut
 * there: its features are never computed. This throughput (not LinearProbe's full feature pass,
 * which here would time cached prefixes) is the result's. The timed batches are the feature pass's
 * first train batches, computed the same way, so their outputs are kept as features (and as the
 * cached levels' first batches) instead of being computed twice.
 *
 * <p>Memory: weights and activations of the current path (one per trial) live in one NDManager
 * per level, closed when the path leaves that level; all cached paths together are capped at
 * {@link Options#cacheBytes} (levels beyond are recomputed from the deepest cached one). Only outputs of layers not followed by an
 * activation are cached (a conv's output is consumed by its activation at once).
 */
public final class PrefixSweep implements ArchProber {
    /**
     * @param timingBatches batches timed for throughput (after one warm-up batch)
     * @param cacheBytes    most bytes of activations the cached paths may hold together
     */
    public record Options(int timingBatches, long cacheBytes) {
        public static final Options DEFAULT = new Options(4, 2L << 30);

        public Options {
            if (timingBatches < 1) {
                throw new IllegalArgumentException("timing batches must be >= 1, got " + timingBatches);
            }
        }
    }

    /** Receives each spec's outcome, in the order the specs were given. */
    public interface Listener {
        /** The spec's trial result (throughput from the standalone timing). */
        void result(ArchSpec spec, TrialResult result);

        /** The spec was cut for throughput below the minimum; no features were computed. */
        default void cut(ArchSpec spec, int trial, double throughput) {}

        /**
         * The features about to be scored (N×features train, M×features test); the arrays are only
         * valid during the call. For inspection and tests.
         */
        default void features(ArchSpec spec, int trial, NDArray train, NDArray test) {}
    }

    /**
     * Work done by one {@link #run}: specs scored and cut, layer-batches computed for features, and
     * where the wall time went (standalone throughput timing, features, ridge scoring).
     */
    public record Stats(int scored, int cut, long layerBatches, long cachedLevels, double timingSeconds,
            double featureSeconds, double scoreSeconds) {}

    private final ProbeSettings settings;
    private final Options options;
    private final NDManager manager;
    private final ProbeImages images;
    private final RidgeScorer scorer = new RidgeScorer();
    private final SweepPath paths;
    private final SweepFeatures featurePass;
    private long timedLayerBatches;
    private long timingNanos;
    private long featureNanos;
    private long scoreNanos;

    public PrefixSweep(Dataset ds, ProbeSettings settings) {
        this(ds, settings, Options.DEFAULT, NDManager.newBaseManager());
    }

    /** Loads the images the settings ask for into {@code manager}, which the sweep closes when it closes. */
    public PrefixSweep(Dataset ds, ProbeSettings settings, Options options, NDManager manager) {
        this.settings = settings;
        this.options = options;
        this.manager = manager;
        this.images = ProbeImages.loadOwned(ds, settings, manager);
        this.paths = new SweepPath(manager, options.cacheBytes(), images.trainSize() + images.testSize());
        this.featurePass = new SweepFeatures(images, settings.batchSize());
    }

    public ProbeImages images() {
        return images;
    }

    /**
     * Probes {@code specs} (each must fit the images; best in space order) for one trial, cutting
     * networks under {@code minThroughput} images/s (0: none), reporting each to {@code listener}
     * as it completes.
     */
    public Stats run(List<ArchSpec> specs, int trial, double minThroughput, Listener listener) {
        long batchesBefore = layerBatchesComputed();
        long levelsBefore = paths.cachedLevels();
        long[] nanosBefore = {timingNanos, featureNanos, scoreNanos};
        int scored = 0;
        int cut = 0;
        for (ArchSpec spec : specs) {
            TrialResult r = probe(spec, trial, minThroughput, listener);
            if (r == null) {
                cut++;
            } else {
                scored++;
                listener.result(spec, r);
            }
        }
        return new Stats(scored, cut, layerBatchesComputed() - batchesBefore, paths.cachedLevels() - levelsBefore,
                (timingNanos - nanosBefore[0]) / 1e9, (featureNanos - nanosBefore[1]) / 1e9,
                (scoreNanos - nanosBefore[2]) / 1e9);
    }

    /**
     * One spec, one trial, no throughput cut. The cached paths (one per trial) persist between
     * calls, so calling this in space order shares prefixes just like {@link #run}, also when the
     * caller runs all trials of one spec before the next spec.
     */
    @Override
    public TrialResult probe(ArchSpec spec, int trial) {
        return probe(spec, trial, 0, null);
    }

    /**
     * One spec, one trial, cut before features when the standalone timing is below
     * {@code minThroughput}: then the result has that throughput and NaN accuracies.
     */
    @Override
    public TrialResult probe(ArchSpec spec, int trial, double minThroughput) {
        double[] cutAt = {Double.NaN};
        TrialResult r = probe(spec, trial, minThroughput, new Listener() {
            @Override
            public void result(ArchSpec s, TrialResult result) {}

            @Override
            public void cut(ArchSpec s, int t, double throughput) {
                cutAt[0] = throughput;
            }
        });
        if (r != null) {
            return r;
        }
        return new TrialResult(trial, Double.NaN, Double.NaN, cutAt[0], 0,
                ShapeInference.infer(spec, images.shape()).features());
    }

    /** The result, or null when cut (after telling the listener). */
    private TrialResult probe(ArchSpec spec, int trial, double minThroughput, Listener listener) {
        ProbeLayer.requireProbeable(spec);
        ArchSummary summary = ShapeInference.infer(spec, images.shape());
        List<SweepPath.Level> path = paths.enter(summary, settings.seed(), trial);
        int n = path.size();
        int start = SweepPath.firstUncached(path);
        boolean[] cache = paths.planCache(path, summary, start);
        boolean complete = false; // the planned levels hold every batch
        try (NDManager work = manager.newSubManager()) {
            long t0 = System.nanoTime();
            List<NDArray> timed = new ArrayList<>();
            double throughput = SweepTiming.time(images, settings.batchSize(), options.timingBatches(), path, start,
                    cache, timed, work);
            long t1 = System.nanoTime();
            timingNanos += t1 - t0;
            if (throughput < minThroughput) {
                if (listener != null) {
                    listener.cut(spec, trial, throughput);
                }
                return null;
            }
            timedLayerBatches += (long) timed.size() * (n - start); // the timing's layers ≥ start, kept for features
            NDArray[] f = featurePass.run(path, start, cache, timed, work);
            complete = true;
            long t2 = System.nanoTime();
            featureNanos += t2 - t1;
            if (listener != null) {
                listener.features(spec, trial, f[0], f[1]);
            }
            long t3 = System.nanoTime();
            RidgeScorer.Score s = scorer.score(f[0], images.trainLabels(), f[1], images.testLabels(),
                    images.numClasses(), work);
            scoreNanos += System.nanoTime() - t3;
            return new TrialResult(trial, s.testAccuracy(), s.trainAccuracy(), throughput, s.seconds(),
                    summary.features());
        } finally {
            if (!complete) { // cut, or failed half-way: never leave a level that looks cached but is not
                paths.uncache(path, cache);
            }
        }
    }

    /** Layer applications (one layer on one batch) computed for features so far, all calls together. */
    public long layerBatchesComputed() {
        return timedLayerBatches + featurePass.layerBatches();
    }

    /** Frees every cached path (weights and activations); the images stay. */
    public void release() {
        paths.release();
    }

    @Override
    public void close() {
        release();
        manager.close();
    }
}
