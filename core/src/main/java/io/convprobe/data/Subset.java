package io.convprobe.data;

import io.convprobe.arch.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A view of a dataset restricted to chosen images of some splits (the others pass through). The
 * screen uses {@code Subset.first(ds, 500, 500)}; {@link #random} picks a seeded sample, optionally
 * stratified so each class keeps its share. Views nest.
 */
public final class Subset implements Dataset {
    private final Dataset base;
    private final Map<Split, int[]> picks;
    private final String name;

    private Subset(Dataset base, Map<Split, int[]> picks, String name) {
        this.base = base;
        this.picks = picks;
        this.name = name;
    }

    /** The first {@code n} images of a split (all of them if it has fewer). */
    public static Subset first(Dataset ds, Split split, int n) {
        int k = Math.min(Math.max(0, n), ds.size(split));
        int[] idx = new int[k];
        Arrays.setAll(idx, i -> i);
        return of(ds, split, idx, ds.name() + "[" + split.key() + ":first " + k + "]");
    }

    /** The first {@code nTrain} training and the first {@code nTest} test images. */
    public static Subset first(Dataset ds, int nTrain, int nTest) {
        return first(first(ds, Split.TRAIN, nTrain), Split.TEST, nTest);
    }

    /**
     * {@code n} distinct images of a split chosen with {@code seed}, in ascending index order. Stratified:
     * each class gets {@code round(n * classCount / total)} images (largest remainders get the leftovers),
     * so class shares match the split's.
     */
    public static Subset random(Dataset ds, Split split, int n, long seed, boolean stratified) {
        int total = ds.size(split);
        int k = Math.min(Math.max(0, n), total);
        Random rnd = new Random(seed);
        int[] idx;
        if (!stratified) {
            idx = sample(identity(total), k, rnd);
        } else {
            int[] labels = ds.labels(split);
            Map<Integer, List<Integer>> byClass = new java.util.TreeMap<>();
            for (int i = 0; i < labels.length; i++) {
                byClass.computeIfAbsent(labels[i], l -> new ArrayList<>()).add(i);
            }
            int[] quota = quotas(byClass, total, k);
            List<Integer> chosen = new ArrayList<>();
            int c = 0;
            for (List<Integer> members : byClass.values()) {
                int[] m = members.stream().mapToInt(Integer::intValue).toArray();
                for (int v : sample(m, quota[c++], rnd)) {
                    chosen.add(v);
                }
            }
            idx = chosen.stream().mapToInt(Integer::intValue).toArray();
        }
        Arrays.sort(idx);
        return of(ds, split, idx, ds.name() + "[" + split.key() + ":random " + k + " seed " + seed
                + (stratified ? " stratified" : "") + "]");
    }

    /** A view with explicit indices into a split. */
    public static Subset of(Dataset ds, Split split, int[] indices, String name) {
        Map<Split, int[]> picks = new EnumMap<>(Split.class);
        int n = ds.size(split);
        int[] mapped = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IndexOutOfBoundsException("index " + indices[i] + " outside " + split.key() + " [0, " + n + ")");
            }
            mapped[i] = indices[i];
        }
        if (ds instanceof Subset s) {
            // Flatten nested views so reads go straight to the underlying dataset.
            picks.putAll(s.picks);
            int[] inner = s.picks.get(split);
            if (inner != null) {
                for (int i = 0; i < mapped.length; i++) {
                    mapped[i] = inner[mapped[i]];
                }
            }
            picks.put(split, mapped);
            return new Subset(s.base, picks, name);
        }
        picks.put(split, mapped);
        return new Subset(ds, picks, name);
    }

    /** Indices into the underlying dataset for a split (null when the split passes through whole). */
    public int[] indices(Split split) {
        int[] p = picks.get(split);
        return p == null ? null : p.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape imageShape() {
        return base.imageShape();
    }

    @Override
    public List<String> classes() {
        return base.classes();
    }

    @Override
    public int size(Split split) {
        int[] p = picks.get(split);
        return p == null ? base.size(split) : p.length;
    }

    @Override
    public ImageBatch read(Split split, int from, int to) {
        int[] p = picks.get(split);
        if (p == null) {
            return base.read(split, from, to);
        }
        Ranges.check(this, split, from, to);
        Shape shape = base.imageShape();
        int per = (int) shape.elements();
        byte[] px = new byte[(to - from) * per];
        int[] labels = new int[to - from];
        int i = from;
        while (i < to) {
            // Read runs of consecutive underlying indices in one go.
            int j = i + 1;
            while (j < to && p[j] == p[j - 1] + 1) {
                j++;
            }
            ImageBatch b = base.read(split, p[i], p[j - 1] + 1);
            System.arraycopy(b.pixels(), 0, px, (i - from) * per, b.pixels().length);
            System.arraycopy(b.labels(), 0, labels, i - from, b.count());
            i = j;
        }
        return new ImageBatch(shape, px, labels);
    }

    @Override
    public int[] labels(Split split) {
        int[] p = picks.get(split);
        if (p == null) {
            return base.labels(split);
        }
        int[] all = base.labels(split);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = all[p[i]];
        }
        return out;
    }

    @Override
    public void close() {
        base.close();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    /** Partial Fisher-Yates: k distinct elements of {@code pool}. */
    private static int[] sample(int[] pool, int k, Random rnd) {
        int[] a = pool.clone();
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.copyOf(a, k);
    }

    private static int[] quotas(Map<Integer, List<Integer>> byClass, int total, int k) {
        int[] quota = new int[byClass.size()];
        double[] rem = new double[byClass.size()];
        int given = 0;
        int c = 0;
        for (List<Integer> members : byClass.values()) {
            double exact = (double) k * members.size() / total;
            quota[c] = (int) Math.floor(exact);
            rem[c] = exact - quota[c];
            given += quota[c];
            c++;
        }
        while (given < k) {
            int best = -1;
            for (int i = 0; i < rem.length; i++) {
                if (best < 0 || rem[i] > rem[best]) {
                    best = i;
                }
            }
            quota[best]++;
            rem[best] = -1;
            given++;
        }
        return quota;
    }
}
