package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.ShapeInference;
import io.convprobe.data.Dataset;
import io.convprobe.proxy.HammingKernel;
import io.convprobe.proxy.Proxies;
import io.convprobe.proxy.ProxyInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * batch, {@code System.nanoTime()} around each batch, summed (NASWOT's code extraction after a batch
 * is not timed). A network below the minimum throughput is cut there: its features are never
 * computed. This throughput (not LinearProbe's full feature pass, which here would time cached
 * prefixes) is the result's. The timed batches are the feature pass's
 * first train batches, computed the same way, so their outputs are kept as features (and as the
 * cached levels' first batches) instead of being computed twice.
 *
 * <p>Memory: weights and activations of the current path (one per trial) live in one NDManager
 * per level, closed when the path leaves that level; all cached paths together are capped at
 * {@link Options#cacheBytes} (levels beyond are recomputed from the deepest cached one). Only outputs of layers not followed by an
 * activation are cached (a conv's output is consumed by its activation at once).
 *
 * <p>Proxies ({@link Proxies}, none unless given): computed after the ridge score on the same
 * weights. NASWOT's batch (the first 128 train images) is the timing's four batches, which run
 * every layer from the images, so each ReLU's input is there: its binary codes are taken after each
 * timed batch with the clock paused, and each level keeps its kernel contribution while it stays on
 * the path, so a shared prefix's codes are computed once per trial, like its activations.
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
            double featureSeconds, double scoreSeconds, double proxySeconds) {}

    private final ProbeSettings settings;
    private final Options options;
    private final NDManager manager;
    private final ProbeImages images;
    private final RidgeScorer scorer = new RidgeScorer();
    private final Proxies proxies;
    /** The cached path per trial (weights differ between trials): levels[i] is layer i of its prefix. */
    private final Map<Integer, List<Level>> paths = new TreeMap<>();
    private long layerBatches;
    private long cachedLevels;
    private long timingNanos;
    private long featureNanos;
    private long scoreNanos;
    private long proxyNanos;

    /** One layer on the current path: its weights and, if cached, its output per batch. */
    private static final class Level implements AutoCloseable {
        final Layer layer;
        final NDManager manager;
        final ProbeLayer op;
        List<NDArray> outputs; // null: not cached
        long bytes;
        double[] naswot; // a ReLU level's NASWOT kernel contribution (first 128 train images), once computed

        Level(Layer layer, NDManager manager, ProbeLayer op) {
            this.layer = layer;
            this.manager = manager;
            this.op = op;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

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
        this.options = options;
        this.manager = manager;
        this.proxies = proxies;
        this.images = ProbeImages.loadOwned(ds, settings, manager);
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
        long batchesBefore = layerBatches;
        long levelsBefore = cachedLevels;
        long[] nanosBefore = {timingNanos, featureNanos, scoreNanos, proxyNanos};
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
        return new Stats(scored, cut, layerBatches - batchesBefore, cachedLevels - levelsBefore,
                (timingNanos - nanosBefore[0]) / 1e9, (featureNanos - nanosBefore[1]) / 1e9,
                (scoreNanos - nanosBefore[2]) / 1e9, (proxyNanos - nanosBefore[3]) / 1e9);
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
        List<Level> path = paths.computeIfAbsent(trial, t -> new ArrayList<>());
        truncate(path, commonPrefix(path, spec));
        int n = spec.layers().size();
        for (int i = path.size(); i < n; i++) {
            NDManager m = manager.newSubManager();
            path.add(new Level(spec.layers().get(i), m, ProbeLayer.create(summary, i, m, settings.seed(), trial)));
        }
        int start = firstUncached(path);
        boolean[] cache = planCache(path, summary, start);
        boolean complete = false; // the planned levels hold every batch
        int m = (int) Math.min(ProxyInput.NASWOT_IMAGES, images.trainSize());
        boolean naswot = proxies.contains("naswot") && timedRows() >= m;
        boolean[] tap = new boolean[n];
        List<List<NDArray>> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tap[i] = naswot && HammingKernel.isRelu(path.get(i).layer) && path.get(i).naswot == null;
            codes.add(tap[i] ? new ArrayList<>() : null);
        }
        try (NDManager work = manager.newSubManager()) {
            long t0 = System.nanoTime();
            List<NDArray> timed = new ArrayList<>();
            double throughput = time(path, start, cache, timed, work, tap, codes);
            long t1 = System.nanoTime();
            timingNanos += t1 - t0;
            if (throughput < minThroughput) {
                if (listener != null) {
                    listener.cut(spec, trial, throughput);
                }
                return null;
            }
            layerBatches += (long) timed.size() * (n - start); // the timing's layers ≥ start, kept for features
            NDArray[] f = features(path, start, cache, timed, work);
            complete = true;
            long t2 = System.nanoTime();
            featureNanos += t2 - t1;
            if (listener != null) {
                listener.features(spec, trial, f[0], f[1]);
            }
            long t3 = System.nanoTime();
            RidgeScorer.Score s = scorer.score(f[0], images.trainLabels(), f[1], images.testLabels(),
                    images.numClasses(), work);
            long t4 = System.nanoTime();
            scoreNanos += t4 - t3;
            TrialResult r = new TrialResult(trial, s.testAccuracy(), s.trainAccuracy(), throughput, s.seconds(),
                    summary.features());
            if (!proxies.isEmpty()) {
                double[] kernel = null;
                if (naswot) {
                    kernel = new double[m * m];
                    for (int i = 0; i < n; i++) {
                        if (tap[i]) {
                            path.get(i).naswot = HammingKernel.contribution(codes.get(i), m, work);
                        }
                        if (path.get(i).naswot != null) {
                            HammingKernel.add(kernel, path.get(i).naswot);
                        }
                    }
                }
                r = r.withProxies(proxies.scores(new ProxyInput(summary, settings.seed(), trial, images.train(),
                        images.trainLabels(), images.numClasses(), settings.batchSize(), s.testAccuracy(), kernel, work)));
                proxyNanos += System.nanoTime() - t4;
            }
            return r;
        } finally {
            if (!complete) { // cut, or failed half-way: never leave a level that looks cached but is not
                uncache(path, cache);
            }
        }
    }

    private static int commonPrefix(List<Level> path, ArchSpec spec) {
        int i = 0;
        List<Layer> layers = spec.layers();
        while (i < path.size() && i < layers.size() && path.get(i).layer.equals(layers.get(i))) {
            i++;
        }
        return i;
    }

    /** Drops levels {@code [keep, size)} of the path, freeing their weights and activations. */
    private static void truncate(List<Level> path, int keep) {
        while (path.size() > keep) {
            path.remove(path.size() - 1).close();
        }
    }

    /** The first layer to compute: its input is the previous level's cached output, or the images. */
    private static int firstUncached(List<Level> path) {
        int start = path.size();
        while (start > 0 && path.get(start - 1).outputs == null) {
            start--;
        }
        return start;
    }

    /**
     * Which of the levels {@code [start, n)} to cache (not followed by an activation, not an identity,
     * within the budget), with their output lists opened; may first drop other trials' paths.
     */
    private boolean[] planCache(List<Level> path, ArchSummary summary, int start) {
        ArchSpec spec = summary.spec();
        int n = path.size();
        boolean[] cache = new boolean[n];
        long budget = options.cacheBytes() - cachedBytes();
        long wanted = 0;
        for (int i = start; i < n; i++) {
            wanted += levelBytes(summary, i);
        }
        if (wanted > budget && paths.size() > 1) {
            // The current trial's path comes first: drop the other trials' paths (a caller running
            // trial-major rounds is done with them; one interleaving trials recomputes them).
            paths.values().removeIf(p -> {
                if (p == path) {
                    return false;
                }
                truncate(p, 0);
                return true;
            });
            budget = options.cacheBytes() - cachedBytes();
        }
        for (int i = start; i < n; i++) {
            boolean feedsActivation = i + 1 < n && spec.layers().get(i + 1) instanceof Layer.Act;
            long bytes = levelBytes(summary, i);
            cache[i] = !feedsActivation && !path.get(i).op.isIdentity() && bytes <= budget;
            if (cache[i]) {
                budget -= bytes;
                path.get(i).outputs = new ArrayList<>();
                path.get(i).bytes = bytes;
                cachedLevels++;
            }
        }
        return cache;
    }

    /** Undoes {@link #planCache} for a network that was cut or failed: frees what was kept of it. */
    private void uncache(List<Level> path, boolean[] cache) {
        for (int i = 0; i < cache.length; i++) {
            if (cache[i] && path.get(i).outputs != null) {
                path.get(i).outputs.forEach(NDArray::close);
                path.get(i).outputs = null;
                cachedLevels--;
            }
        }
    }

    /**
     * Images/s of the standalone network (all its layers, from the images) on {@code timingBatches}
     * train batches after an untimed warm-up batch through the layers not cached. The timed batches
     * are the feature pass's first train batches computed the same way, so they are kept rather than
     * computed twice: each planned level's output goes to its cache, and the flattened output to
     * {@code timed} (in {@code work}).
     * Keeping is a reference handed over, not a copy; it is inside the clock, as it is in the feature pass.
     */
    private double time(List<Level> path, int start, boolean[] cache, List<NDArray> timed, NDManager work,
            boolean[] tap, List<List<NDArray>> codes) {
        List<ProbeLayer> ops = path.stream().map(l -> l.op).toList();
        int bs = settings.batchSize();
        long n = images.trainSize();
        long batches = Math.min(options.timingBatches(), (n + bs - 1) / bs);
        // Warm-up (untimed): the layers new to the path meet their shapes for the first time; the
        // cached ones ran moments ago, so they start from the deepest cached level's first batch.
        try (NDManager w = work.newSubManager()) {
            NDArray x = start == 0 ? ProbeNetwork.slice(images.train(), 0, Math.min(bs, n), w)
                    : path.get(start - 1).outputs.get(0);
            NDArray out = ProbeNetwork.applyRange(ops, start, ops.size(), x);
            if (out != x) {
                out.close();
            }
        }
        long done = 0;
        long clock = 0;
        List<Tap> taps = new ArrayList<>();
        for (long b = 0; b < batches; b++) {
            long t0 = System.nanoTime();
            try (NDManager w = work.newSubManager()) {
                long from = b * bs;
                long to = Math.min(n, from + bs);
                NDArray x = ProbeNetwork.slice(this.images.train(), from, to, w);
                taps.clear();
                NDArray cur = forward(path, 0, x, start, cache, w, tap, taps);
                NDArray flat = cur.reshape(cur.getShape().get(0), -1);
                flat.attach(work);
                timed.add(flat);
                done += to - from;
                long paused = System.nanoTime(); // NASWOT's codes are not part of the network's time
                for (Tap t : taps) {
                    NDArray c = HammingKernel.codes(t.input());
                    c.attach(work);
                    codes.get(t.level()).add(c);
                }
                clock -= System.nanoTime() - paused;
            }
            clock += System.nanoTime() - t0;
        }
        return done / (clock / 1e9);
    }

    /** A ReLU level's input on one timed batch, kept (not closed) until its codes are taken. */
    private record Tap(int level, NDArray input) {}

    /** Train images the timed batches cover (from 0). */
    private long timedRows() {
        int bs = settings.batchSize();
        long n = images.trainSize();
        long batches = Math.min(options.timingBatches(), (n + bs - 1) / bs);
        return Math.min(n, batches * bs);
    }

    /**
     * Train and test features (N×d, M×d, in {@code work}) from the deepest cached level, caching the
     * planned levels; the first train batches are the {@code timed} outputs.
     */
    private NDArray[] features(List<Level> path, int start, boolean[] cache, List<NDArray> timed, NDManager work) {
        int n = path.size();
        List<NDList> outs = List.of(new NDList(), new NDList());
        outs.get(0).addAll(timed);
        int bs = settings.batchSize();
        NDArray[] split = {images.train(), images.test()};
        int batch = 0;
        for (int s = 0; s < 2; s++) {
            long count = split[s].getShape().get(0);
            for (long from = 0; from < count; from += bs, batch++) {
                if (s == 0 && batch < timed.size()) {
                    continue; // computed by the timing
                }
                try (NDManager tmp = work.newSubManager()) {
                    NDArray input = start == 0 ? ProbeNetwork.slice(split[s], from, Math.min(count, from + bs), tmp)
                            : path.get(start - 1).outputs.get(batch);
                    NDArray cur = forward(path, start, input, start, cache, tmp, null, null);
                    layerBatches += n - start;
                    NDArray flat = cur.reshape(cur.getShape().get(0), -1);
                    flat.attach(work);
                    outs.get(s).add(flat);
                }
            }
        }
        NDArray[] f = new NDArray[2];
        for (int s = 0; s < 2; s++) {
            NDList l = outs.get(s);
            f[s] = l.size() == 1 ? l.get(0) : NDArrays.concat(l, 0);
            f[s].attach(work);
        }
        return f;
    }

    /**
     * Layers {@code [from, n)} of the path on {@code x}: the outputs of levels planned for the cache
     * ({@code cache[i]}, {@code i >= keepFrom}) go to their level, every other result to
     * {@code scratch} (DJL would put it in its input's manager, a cached level's for the layer after
     * one) and is closed once the next layer has used it. Returns the last output ({@code x} itself
     * if every layer is an identity); never closes {@code x}. The inputs of levels with
     * {@code tap[i]} are added to {@code taps} and left open (they live in {@code scratch} or a level).
     */
    private static NDArray forward(List<Level> path, int from, NDArray x, int keepFrom, boolean[] cache,
            NDManager scratch, boolean[] tap, List<Tap> taps) {
        NDArray cur = x;
        boolean kept = false; // cur is a level's cached output
        for (int i = from; i < path.size(); i++) {
            boolean tapped = taps != null && tap[i];
            if (tapped) {
                taps.add(new Tap(i, cur));
            }
            NDArray next = path.get(i).op.apply(cur);
            if (next == cur) { // identity layer (never cached)
                continue;
            }
            if (cur != x && !kept && !tapped) {
                cur.close();
            }
            kept = i >= keepFrom && cache[i];
            if (kept) {
                next.attach(path.get(i).manager);
                path.get(i).outputs.add(next);
            } else {
                next.attach(scratch);
            }
            cur = next;
        }
        return cur;
    }

    /** Bytes of layer {@code i}'s float32 output for all train and test images. */
    private long levelBytes(ArchSummary summary, int i) {
        return 4L * summary.layers().get(i).output().elements() * (images.trainSize() + images.testSize());
    }

    private long cachedBytes() {
        return paths.values().stream().flatMap(List::stream).filter(l -> l.outputs != null).mapToLong(l -> l.bytes).sum();
    }

    /** Layer applications (one layer on one batch) computed for features so far, all calls together. */
    public long layerBatchesComputed() {
        return layerBatches;
    }

    /** Frees every cached path (weights and activations); the images stay. */
    public void release() {
        paths.values().forEach(p -> truncate(p, 0));
        paths.clear();
    }

    @Override
    public void close() {
        release();
        manager.close();
    }
}
