package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.ShapeInference;
import io.convprobe.data.Dataset;
import io.convprobe.memory.MemoryBudget;
import io.convprobe.memory.MemoryGovernor;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.FftConv2d;
import io.convprobe.nn.ProbeLayer;
import io.convprobe.proxy.HammingKernel;
import io.convprobe.proxy.Proxies;
import io.convprobe.proxy.ProxyInput;
import io.convprobe.stats.RidgeScorer;
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
 * <p>Throughput comes first, from the timing table ({@link LayerTimings}, {@link Throughput#TABLE},
 * the default): images / Σ of the network's layers' seconds per image, each distinct (input shape,
 * layer) timed once with the plain libtorch layer at the probe's batch size. A network below the
 * minimum throughput is cut there, before any weights or features. The table also says, per conv
 * shape, whether the direct or the FFT convolution ({@link FftConv2d}) is faster; features are
 * computed with the faster one ({@link LayerTimings.Choice#MEASURED}), which agrees with the direct
 * convolution within float32 rounding ({@link LayerTimings.Choice#DIRECT} for bit-identical
 * features). {@link Throughput#TIMED} keeps the previous round's standalone timing of each network
 * ({@link SweepTiming}).
 *
 * <p>Proxies ({@link Proxies}, none unless given) are computed after the ridge score on the same
 * weights. NASWOT's batch (the first 128 train images) is the feature pass's first batches: the
 * binary codes of each ReLU's input are taken there ({@link SweepFeatures}) for the levels the pass
 * computes, and each level keeps its kernel contribution while it stays on the path, so a shared
 * prefix's codes are computed once per trial, like its activations. Where a ReLU level's
 * contribution is missing (the {@code TIMED} mode computes the first batches in the timing), NASWOT
 * runs its own forward pass ({@link HammingKernel#standalone}); the scores are the same.
 *
 * <p>Memory: weights and activations of the current path (one per trial) live in one NDManager
 * per level, closed when the path leaves that level. The whole process stays within
 * {@link Options#memory} ({@link MemoryGovernor}): before each network the cache may grow only by
 * what the resident memory and the network's own working set ({@link WorkingSet}) leave of the
 * budget, and never beyond {@link Options#cacheBytes}; levels beyond are recomputed from the deepest
 * cached one. Only outputs of layers not followed by an activation are cached (a conv's output is
 * consumed by its activation at once).
 */
public final class PrefixSweep implements ArchProber {
    /** Where a network's throughput comes from. */
    public enum Throughput {
        /** images / Σ of its layers' times in the timing table ({@link LayerTimings}; the default) */
        TABLE,
        /** the network timed standalone on {@code timingBatches} batches before its features (the previous round's way) */
        TIMED
    }

    /**
     * @param timingBatches batches timed for throughput (after one warm-up batch), {@code TIMED} only
     * @param cacheBytes    most bytes of activations the cached paths may hold together (a cap; the
     *                      memory budget may allow less)
     * @param throughput    where throughput comes from
     * @param conv          how convs are computed for features (measured per shape, direct, or FFT)
     * @param memory        the whole process's budget ({@link MemoryBudget}): the cache gets what the
     *                      resident memory and each network's working set leave of it
     */
    public record Options(int timingBatches, long cacheBytes, Throughput throughput, LayerTimings.Choice conv,
            MemoryBudget memory) {
        /** The search's defaults: the automatic budget bounds the process, the cache takes what it leaves. */
        public static final Options DEFAULT = new Options(4, Long.MAX_VALUE, Throughput.TABLE,
                LayerTimings.Choice.MEASURED, MemoryBudget.AUTO);

        public Options {
            if (timingBatches < 1) {
                throw new IllegalArgumentException("timing batches must be >= 1, got " + timingBatches);
            }
        }

        /** Table throughput, convs chosen by measurement, the cache capped at {@code cacheBytes}, no process budget. */
        public Options(int timingBatches, long cacheBytes) {
            this(timingBatches, cacheBytes, Throughput.TABLE, LayerTimings.Choice.MEASURED, MemoryBudget.NONE);
        }

        public Options with(LayerTimings.Choice c) {
            return new Options(timingBatches, cacheBytes, throughput, c, memory);
        }

        public Options with(Throughput t) {
            return new Options(timingBatches, cacheBytes, t, conv, memory);
        }

        public Options with(MemoryBudget m) {
            return new Options(timingBatches, cacheBytes, throughput, conv, m);
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
            double featureSeconds, double scoreSeconds, double proxySeconds, SweepSplit conv, SweepFloor floor) {}

    /** Where this sweep's memory stood: the budget's work so far and the cache's largest size. */
    public record Memory(MemoryGovernor.Stats governor, long largestCacheBytes) {}


    private final ProbeSettings settings;
    private final Options options;
    private final NDManager manager;
    private final ProbeImages images;
    private final RidgeScorer scorer = new RidgeScorer();
    private final SweepPath paths;
    private final SweepFeatures featurePass;
    private LayerTimings timings;
    private long timedLayerBatches;
    private long timingNanos;
    private long featureNanos;
    private long scoreNanos;
    private long proxyNanos;
    private long gramNanos;
    private long naswotOwnPasses;
    private final Proxies proxies;
    private final MemoryGovernor governor;

    public PrefixSweep(Dataset ds, ProbeSettings settings) {
        this(ds, settings, Options.DEFAULT, NDManager.newBaseManager());
    }

    /** Loads the images the settings ask for into {@code manager}, which the sweep closes when it closes. */
    public PrefixSweep(Dataset ds, ProbeSettings settings, Options options, NDManager manager) {
        this(ds, settings, options, manager, Proxies.none());
    }

    /** As above, also computing {@code proxies} for every scored trial. */
    public PrefixSweep(Dataset ds, ProbeSettings settings, Options options, NDManager manager, Proxies proxies) {
        this.settings = settings;
        this.proxies = proxies;
        this.options = options;
        this.manager = manager;
        this.governor = MemoryGovernor.of(options.memory());
        this.images = ProbeImages.loadOwned(ds, settings, manager);
        this.paths = new SweepPath(manager, options.cacheBytes(), images.trainSize() + images.testSize());
        this.featurePass = new SweepFeatures(paths, images, settings.batchSize(), governor);
        governor.register();
        this.timings = new LayerTimings(newTimer(), java.util.Map.of(),
                LayerTimings.Sink.NONE, options.conv());
    }

    /** Timed batches per new layer shape of the timing table (after a warm-up call). */
    public static final int TABLE_BATCHES = 3;

    /**
     * Uses {@code table} (e.g. loaded from and saved to the run's store) from now on, with its conv
     * choice. Call before probing, so every network's throughput and algorithms come from one table.
     */
    public void useTimings(LayerTimings table) {
        this.timings = table;
    }

    /** The timing table in use. */
    public LayerTimings timings() {
        return timings;
    }

    /**
     * A timer for a store-backed table at this sweep's batch size, arrays in this sweep's manager,
     * measuring within this sweep's memory budget (it drops the cached activations when a
     * measurement would not fit beside them: {@link LayerTimer#within}).
     */
    public LayerTimer newTimer() {
        return new LayerTimer(settings.batchSize(), TABLE_BATCHES, manager).within(governor, paths::dropAll);
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
        long[] nanosBefore = {timingNanos, featureNanos, scoreNanos, proxyNanos, gramNanos};
        long activationBefore = paths.activationNanos();
        long[] convBefore = convCounters();
        int measuredBefore = timings.measuredCount();
        double measureBefore = timings.measureSeconds();
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
        SweepSplit conv = split(convBefore, measuredBefore, measureBefore);
        return new Stats(scored, cut, layerBatchesComputed() - batchesBefore, paths.cachedLevels() - levelsBefore,
                (timingNanos - nanosBefore[0]) / 1e9, (featureNanos - nanosBefore[1]) / 1e9,
                (scoreNanos - nanosBefore[2]) / 1e9, (proxyNanos - nanosBefore[3]) / 1e9, conv,
                new SweepFloor(conv.directSeconds() + conv.fftSeconds(), (paths.activationNanos() - activationBefore) / 1e9,
                        (gramNanos - nanosBefore[4]) / 1e9));
    }

    private long[] convCounters() {
        return new long[] {paths.convBatches(ConvAlgorithm.DIRECT), paths.convNanos(ConvAlgorithm.DIRECT),
            paths.convBatches(ConvAlgorithm.FFT), paths.convNanos(ConvAlgorithm.FFT)};
    }

    private SweepSplit split(long[] before, int measuredBefore, double measureBefore) {
        long[] now = convCounters();
        return new SweepSplit(now[0] - before[0], (now[1] - before[1]) / 1e9, now[2] - before[2], (now[3] - before[3]) / 1e9,
                timings.measuredCount() - measuredBefore, timings.measureSeconds() - measureBefore);
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
        ArchSummary summary = ShapeInference.infer(spec, images.shape());
        return new TrialResult(trial, Double.NaN, Double.NaN, cutAt[0], 0, summary.features(),
                proxies.withoutNetwork(summary));
    }

    /** The result, or null when cut (after telling the listener). */
    private TrialResult probe(ArchSpec spec, int trial, double minThroughput, Listener listener) {
        ProbeLayer.requireProbeable(spec);
        ArchSummary summary = ShapeInference.infer(spec, images.shape());
        double throughput = Double.NaN;
        if (options.throughput() == Throughput.TABLE) { // the cut needs no weights, no path, no features
            long t0 = System.nanoTime();
            throughput = timings.throughput(summary);
            if (throughput < minThroughput) {
                throughput = timings.confirm(summary); // a cut rests on two readings of each layer
            }
            timingNanos += System.nanoTime() - t0;
            if (throughput < minThroughput) {
                if (listener != null) {
                    listener.cut(spec, trial, throughput);
                }
                return null;
            }
        }
        List<SweepPath.Level> path = paths.enter(summary, settings.seed(), trial, i -> timings.algorithm(summary, i));
        int n = path.size();
        int start = SweepPath.firstUncached(path);
        long allowance = governor.admit(WorkingSet.bytes(summary, images.trainSize(), images.testSize(),
                settings.batchSize(), proxies, i -> timings.algorithm(summary, i)));
        boolean[] cache = paths.planCache(path, summary, start, allowance);
        boolean complete = false; // the planned levels hold every batch
        try (NDManager work = manager.newSubManager()) {
            long t1 = System.nanoTime();
            List<NDArray> timed = new ArrayList<>();
            if (options.throughput() == Throughput.TIMED) {
                throughput = SweepTiming.time(paths, images, settings.batchSize(), options.timingBatches(), path, start,
                        cache, timed, work);
                long t = System.nanoTime();
                timingNanos += t - t1;
                t1 = t;
                if (throughput < minThroughput) {
                    if (listener != null) {
                        listener.cut(spec, trial, throughput);
                    }
                    return null;
                }
            }
            timedLayerBatches += (long) timed.size() * (n - start); // the timing's layers ≥ start, kept for features
            int m = (int) Math.min(ProxyInput.NASWOT_IMAGES, images.trainSize());
            SweepFeatures.Codes codes = proxies.contains("naswot") && timed.isEmpty()
                    ? new SweepFeatures.Codes(m, i -> HammingKernel.isRelu(path.get(i).layer) && path.get(i).naswot == null)
                    : null;
            NDArray[] f = featurePass.run(path, start, cache, timed, work, codes);
            governor.check(); // between phases too: the pass's freed temporaries before the ridge fit and the proxies
            complete = true;
            featureNanos += System.nanoTime() - t1;
            if (listener != null) {
                listener.features(spec, trial, f[0], f[1]);
            }
            long t3 = System.nanoTime();
            // centres the train features in place: nothing reads them after (the listener copied what it wanted)
            RidgeScorer.Score s = scorer.scoreConsuming(f[0], images.trainLabels(), f[1], images.testLabels(),
                    images.numClasses(), work);
            long t4 = System.nanoTime();
            governor.check();
            scoreNanos += t4 - t3;
            gramNanos += Math.round(s.gramSeconds() * 1e9);
            TrialResult r = new TrialResult(trial, s.testAccuracy(), s.trainAccuracy(), throughput, s.seconds(),
                    summary.features());
            if (!proxies.isEmpty()) {
                double[] kernel = codes == null ? null : codes.kernel(path, m, work);
                if (kernel == null && proxies.contains("naswot")) {
                    naswotOwnPasses++;
                }
                r = r.withProxies(proxies.scores(new ProxyInput(summary, settings.seed(), trial, images.train(),
                        images.trainLabels(), images.numClasses(), settings.batchSize(), s.testAccuracy(), kernel, work)));
                proxyNanos += System.nanoTime() - t4;
            }
            return r;
        } finally {
            if (!complete) { // cut, or failed half-way: never leave a level that looks cached but is not
                paths.uncache(path, cache);
            }
        }
    }

    /** Seconds this sweep has spent so far, all calls together, by where they went. */
    public record Time(double timing, double features, double scoring, double proxies) {}

    /** See {@link Time}. */
    public Time time() {
        return new Time(timingNanos / 1e9, featureNanos / 1e9, scoreNanos / 1e9, proxyNanos / 1e9);
    }

    /** Trials whose NASWOT score needed its own forward pass (the codes were not in the feature pass). */
    long naswotOwnPasses() {
        return naswotOwnPasses;
    }

    /** Layer applications (one layer on one batch) computed for features so far, all calls together. */
    public long layerBatchesComputed() {
        return timedLayerBatches + featurePass.layerBatches();
    }

    /** Frees every cached path (weights and activations); the images stay. */
    public void release() {
        paths.release();
    }

    /** The memory budget's work so far (shared with the other probers of this process) and the cache's peak. */
    public Memory memory() {
        return new Memory(governor.stats(), paths.largestCachedBytes());
    }

    @Override
    public void close() {
        try {
            release();
            manager.close();
        } finally {
            governor.unregister();
        }
    }
}
