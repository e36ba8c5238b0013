package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.ProbeLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The cached paths of a {@link PrefixSweep}, one per trial (weights differ between trials):
 * {@code levels[i]} is layer i of the current prefix with its weights and, if cached, its output per
 * batch (train batches, then test batches). All paths together hold at most {@code cacheBytes} of
 * activations; only outputs of layers not followed by an activation are cached (a conv's output is
 * consumed by its activation at once). Each level's arrays live in a manager of its own, closed when
 * the path leaves that level.
 */
final class SweepPath {
    /** One layer on the current path: its weights and, if cached, its output per batch. */
    static final class Level implements AutoCloseable {
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

    private final NDManager manager;
    private final long cacheBytes;
    private final long imagesPerLevel;
    private final Map<Integer, List<Level>> paths = new TreeMap<>();
    private long cachedLevels;
    private long largestCached;
    private final long[] convNanos = new long[ConvAlgorithm.values().length];
    private final long[] convBatches = new long[ConvAlgorithm.values().length];
    private long activationNanos;

    /** Levels' managers are children of {@code manager}; a level holds {@code imagesPerLevel} images' outputs. */
    SweepPath(NDManager manager, long cacheBytes, long imagesPerLevel) {
        this.manager = manager;
        this.cacheBytes = cacheBytes;
        this.imagesPerLevel = imagesPerLevel;
    }

    /**
     * The trial's path set to {@code summary}'s spec: the shared prefix kept, the rest dropped and
     * the spec's further layers added with their (seed, trial) weights (not cached yet).
     */
    List<Level> enter(ArchSummary summary, long seed, int trial, IntFunction<ConvAlgorithm> algorithm) {
        ArchSpec spec = summary.spec();
        List<Level> path = paths.computeIfAbsent(trial, t -> new ArrayList<>());
        truncate(path, commonPrefix(path, spec));
        for (int i = path.size(); i < spec.layers().size(); i++) {
            NDManager m = manager.newSubManager();
            ProbeLayer op = ProbeLayer.create(summary, i, m, seed, trial);
            if (algorithm.apply(i) == ConvAlgorithm.FFT) {
                op = op.withFft();
            }
            path.add(new Level(spec.layers().get(i), m, op));
        }
        return path;
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
    static int firstUncached(List<Level> path) {
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
    boolean[] planCache(List<Level> path, ArchSummary summary, int start) {
        return planCache(path, summary, start, Long.MAX_VALUE);
    }

    /**
     * As above, adding at most {@code allowance} bytes (what the process's memory budget leaves; when
     * negative, other trials' paths are dropped and nothing new is cached).
     */
    boolean[] planCache(List<Level> path, ArchSummary summary, int start, long allowance) {
        ArchSpec spec = summary.spec();
        int n = path.size();
        boolean[] cache = new boolean[n];
        long budget = Math.min(cacheBytes - cachedBytes(), allowance);
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
            budget = Math.min(cacheBytes - cachedBytes(), allowance);
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
        largestCached = Math.max(largestCached, cachedBytes());
        return cache;
    }

    /** Drops every trial's path, weights and cached activations (the next network recomputes from the images). */
    void dropAll() {
        paths.values().forEach(p -> truncate(p, 0));
        paths.clear();
    }

    /** Undoes {@link #planCache} for a network that was cut or failed: frees what was kept of it. */
    void uncache(List<Level> path, boolean[] cache) {
        for (int i = 0; i < cache.length; i++) {
            if (cache[i] && path.get(i).outputs != null) {
                path.get(i).outputs.forEach(NDArray::close);
                path.get(i).outputs = null;
                cachedLevels--;
            }
        }
    }

    /**
     * Layers {@code [from, n)} of the path on {@code x}: the outputs of levels planned for the cache
     * ({@code cache[i]}, {@code i >= keepFrom}) go to their level, every other result to
     * {@code scratch} (DJL would put it in its input's manager, a cached level's for the layer after
     * one) and is closed once the next layer has used it. Returns the last output ({@code x} itself
     * if every layer is an identity); never closes {@code x}.
     */
    NDArray forward(List<Level> path, int from, NDArray x, int keepFrom, boolean[] cache, NDManager scratch) {
        return forward(path, from, x, keepFrom, cache, scratch, null);
    }

    /** As above, showing {@code tap} the input of every level it asks for (before that level runs). */
    NDArray forward(List<Level> path, int from, NDArray x, int keepFrom, boolean[] cache, NDManager scratch,
            SweepFeatures.Codes tap) {
        NDArray cur = x;
        boolean kept = false; // cur is a level's cached output
        for (int i = from; i < path.size(); i++) {
            if (tap != null) {
                tap.offer(i, cur);
            }
            ProbeLayer op = path.get(i).op;
            long t0 = System.nanoTime();
            NDArray next = op.apply(cur); // libtorch's CPU ops are synchronous: the clock covers the work
            if (op.layer() instanceof Layer.Conv) {
                convNanos[op.algorithm().ordinal()] += System.nanoTime() - t0;
                convBatches[op.algorithm().ordinal()]++;
            } else if (op.layer() instanceof Layer.Act && next != cur) {
                activationNanos += System.nanoTime() - t0;
            }
            if (next == cur) { // identity layer (never cached)
                continue;
            }
            if (cur != x && !kept) {
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
        return 4L * summary.layers().get(i).output().elements() * imagesPerLevel;
    }

    private long cachedBytes() {
        return paths.values().stream().flatMap(List::stream).filter(l -> l.outputs != null).mapToLong(l -> l.bytes).sum();
    }

    /** The most bytes the cached levels held together at any time so far. */
    long largestCachedBytes() {
        return largestCached;
    }

    /** Levels planned for the cache so far (all calls together). */
    long cachedLevels() {
        return cachedLevels;
    }

    /** Nanoseconds spent in conv layers computed with {@code a} (all calls together). */
    long convNanos(ConvAlgorithm a) {
        return convNanos[a.ordinal()];
    }

    /** Nanoseconds spent in activation layers (identities aside), all calls together: clocked as the convs are. */
    long activationNanos() {
        return activationNanos;
    }

    /** Conv layer applications (one layer on one batch) computed with {@code a}. */
    long convBatches(ConvAlgorithm a) {
        return convBatches[a.ordinal()];
    }

    /** Frees every cached path (weights and activations). */
    void release() {
        paths.values().forEach(p -> truncate(p, 0));
        paths.clear();
    }
}
