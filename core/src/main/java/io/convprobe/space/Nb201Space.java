package io.convprobe.space;

import io.convprobe.arch.Nb201Spec;
import io.convprobe.arch.Nb201Spec.Op;
import io.convprobe.arch.SpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The NAS-Bench-201 cell space at one skeleton ({@code c}, {@code n}): all 5^6 = 15,625 cells, or
 * with {@code unique} one representative per {@link #functionKey} class (6,466 classes, the number
 * NAS-Bench-201 publishes).
 *
 * <p>Order: a cell's index is its six ops read as a base-5 number, edge 0 (0→1) the most
 * significant digit and edge 5 (2→3) the least, each op's digit its position in {@link Op#values()}
 * (0 none, 1 skip_connect, 2 nor_conv_1x1, 3 nor_conv_3x3, 4 avg_pool_3x3). So index 0 is the
 * all-none cell, 1 differs from it in edge 2→3 (skip), 15,624 is all avg_pool. The unique space
 * lists the classes by their representative — the class's lowest index — in that same order, so
 * its index {@code i} is the i-th smallest representative.
 *
 * <p>The class partition does not depend on {@code c} and {@code n}; it is computed once per JVM
 * (15,625 short strings, tens of milliseconds) when the first unique space is made.
 */
public final class Nb201Space {
    /** Cells in the full space: five ops on each of six edges. */
    static final int CELLS = 15_625;
    private static final Op[] OPS = Op.values();
    private static final int EDGES = 6;
    /** AutoDL-Projects' mark for a zero tensor in {@link #functionKey}. */
    private static final String ZERO = "#";

    private final int c;
    private final int n;
    private final boolean unique;

    private Nb201Space(int c, int n, boolean unique) {
        this.c = c;
        this.n = n;
        this.unique = unique;
    }

    /** All 5^6 = 15,625 cells (unique=false) or one representative per function class (unique=true). */
    public static Nb201Space of(int c, int n, boolean unique) {
        if (c < 1 || n < 1) {
            // the same refusal (and type) as Nb201Spec's constructor, before any spec exists
            throw new SpecException("NAS-Bench-201 width C and cells per stage N must be >= 1, got C" + c + " N" + n);
        }
        if (unique) {
            Classes.get(); // build the partition now, so the first get() does not pay for it
        }
        return new Nb201Space(c, n, unique);
    }

    public int c() {
        return c;
    }

    public int n() {
        return n;
    }

    public boolean unique() {
        return unique;
    }

    /** 15,625, or the number of function classes (6,466) when unique. */
    public long size() {
        return unique ? Classes.get().reps.length : CELLS;
    }

    /** The cell at {@code index} in the order of the class comment. */
    public Nb201Spec get(long index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("NAS-Bench-201 space index " + index + " not in [0, " + size() + ")");
        }
        return spec(unique ? Classes.get().reps[(int) index] : (int) index);
    }

    /**
     * The index of {@code spec}; in a unique space, the index of its class's representative (so
     * every cell has an index, and {@code get(indexOf(s))} may be a different, equivalent cell).
     * −1 when {@code spec} has another skeleton ({@code c} or {@code n}) than this space.
     */
    public long indexOf(Nb201Spec spec) {
        if (spec.c() != c || spec.n() != n) {
            return -1;
        }
        int cell = cell(spec);
        return unique ? Classes.get().rank[cell] : cell;
    }

    /** Every cell of the space in index order. */
    public List<Nb201Spec> all() {
        List<Nb201Spec> out = new ArrayList<>((int) size());
        for (long i = 0; i < size(); i++) {
            out.add(get(i));
        }
        return out;
    }

    /**
     * {@code count} distinct cells drawn uniformly without replacement, returned in index order
     * (like the other spaces' samples: {@link SpaceIndex#pick}); the whole space when {@code count}
     * is at least {@link #size}. {@link SplittableRandom}'s sequence for a seed is fixed by its
     * specification, so a seed gives the same cells on every JVM.
     */
    public List<Nb201Spec> sample(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("sample count must be >= 0, got " + count);
        }
        long[] indices = new long[(int) size()];
        Arrays.setAll(indices, i -> i);
        List<Nb201Spec> out = new ArrayList<>(Math.min(count, indices.length));
        for (long i : SpaceIndex.pick(indices, count, new SplittableRandom(seed))) {
            out.add(get(i));
        }
        return out;
    }

    /**
     * Regularized evolution's mutation as AutoDL-Projects' R-EA ({@code exps/NATS-algos/regularized_ea.py},
     * {@code mutate_topology_func}) does it: a node uniformly among nodes 1..3, then one of that
     * node's input edges uniformly, then a different op uniformly among the other four. Edges are
     * therefore not equally likely: 0→1 has 1/3, 0→2 and 1→2 1/6 each, the three into node 3 1/9
     * each (NASLib instead picks among the six edges uniformly).
     *
     * <p>In a unique space the child is the representative of its class, and a draw whose child
     * computes the same function as the parent is redrawn. That always ends: changing edge 0→3
     * changes the output's key whatever the rest of the cell is (tested for every cell), and that
     * edge is drawn with probability 1/9 per try.
     *
     * @throws IllegalArgumentException when {@code parent} has another skeleton than this space
     */
    public Nb201Spec mutate(Nb201Spec parent, SplittableRandom rng) {
        if (indexOf(parent) < 0) {
            throw new IllegalArgumentException("parent " + parent + " is not in this space (C" + c + " N" + n + ")");
        }
        List<Op> ops = parent.ops();
        while (true) {
            int node = 1 + rng.nextInt(3);
            int edge = firstEdge(node) + rng.nextInt(node); // node j has j inputs, from nodes 0..j-1
            int op = rng.nextInt(OPS.length - 1);
            if (op >= ops.get(edge).ordinal()) {
                op++; // skip the current op: uniform over the other four
            }
            Op[] child = ops.toArray(new Op[0]);
            child[edge] = OPS[op];
            Nb201Spec spec = new Nb201Spec(List.of(child), c, n);
            if (!unique) {
                return spec;
            }
            Classes k = Classes.get();
            int rep = k.rep[cell(spec)];
            if (rep != k.rep[cell(parent)]) {
                return spec(rep);
            }
        }
    }

    /**
     * AutoDL-Projects' {@code CellStructure.to_unique_str(consider_zero=True)}
     * ({@code xautodl/models/cell_searchs/genotypes.py}), the string behind NAS-Bench-201's 6,466
     * unique cells, character for character. Node 0 is {@code "0"}; an edge into node j gives
     * {@code "#"} (zero) when its op is none or its source node's string is exactly {@code "#"},
     * the source's string for skip_connect, and {@code "(src)@op"} otherwise; node j is its edge
     * strings sorted and joined with {@code "+"} (sorting makes the sum order-free); the key is
     * node 3's string. Ignores {@code c} and {@code n}.
     *
     * <p>Two cells with equal keys compute the same function. The converse does not quite hold,
     * because zeros are only recognised as the single string {@code "#"}: a node whose inputs are
     * all zero prints {@code "#+#"} (node 2) and an op applied to it is not folded to zero, and
     * zero terms stay in the sums, so {@code conv(x)} reached through a skip gives
     * {@code "#+#+#+(0)@nor_conv_3x3"} but directly {@code "#+#+(0)@nor_conv_3x3"}. In particular
     * the 341 cells with no path from input to output fall into five keys, not one. We keep the
     * published algorithm so that the unique space is NAS-Bench-201's 6,466; folding zeros
     * completely would give 5,390 classes.
     */
    public static String functionKey(Nb201Spec spec) {
        List<Op> ops = spec.ops();
        String[] node = new String[4];
        node[0] = "0";
        for (int j = 1; j <= 3; j++) {
            String[] terms = new String[j];
            for (int i = 0; i < j; i++) {
                Op op = ops.get(firstEdge(j) + i);
                String in = node[i];
                terms[i] = op == Op.NONE || in.equals(ZERO) ? ZERO
                        : op == Op.SKIP_CONNECT ? in
                        : "(" + in + ")@" + op.key();
            }
            // String order is UTF-16 code unit order, Python's str order on these ASCII strings
            Arrays.sort(terms);
            node[j] = String.join("+", terms);
        }
        return node[3];
    }

    @Override
    public String toString() {
        return "NAS-Bench-201 space C" + c + " N" + n + (unique ? ", unique" : "") + " (" + size() + " cells)";
    }

    /** Node j's inputs are edges firstEdge(j) .. firstEdge(j)+j−1, from nodes 0..j−1 (the published string's order). */
    private static int firstEdge(int node) {
        return node * (node - 1) / 2;
    }

    /** The cell number (the index in the full space) of a spec's ops. */
    static int cell(Nb201Spec spec) {
        int v = 0;
        for (Op op : spec.ops()) {
            v = v * OPS.length + op.ordinal();
        }
        return v;
    }

    private Nb201Spec spec(int cell) {
        Op[] ops = new Op[EDGES];
        for (int k = EDGES - 1; k >= 0; k--) {
            ops[k] = OPS[cell % OPS.length];
            cell /= OPS.length;
        }
        return new Nb201Spec(List.of(ops), c, n);
    }

    /**
     * The function classes of the 15,625 cells, shared by all skeletons.
     *
     * @param rep   cell → its class's lowest cell number
     * @param reps  the representatives, ascending (the unique space's order)
     * @param rank  cell → the index of its class in {@code reps}
     */
    record Classes(int[] rep, int[] reps, int[] rank) {
        private static volatile Classes instance;

        static Classes get() {
            Classes k = instance;
            if (k == null) {
                synchronized (Classes.class) {
                    k = instance;
                    if (k == null) {
                        k = compute();
                        instance = k;
                    }
                }
            }
            return k;
        }

        /** One pass in cell order: the first cell seen with a key is the class's lowest. */
        static Classes compute() {
            Nb201Space any = new Nb201Space(Nb201Spec.DEFAULT_C, Nb201Spec.DEFAULT_N, false);
            Map<String, Integer> first = new HashMap<>();
            int[] rep = new int[CELLS];
            int[] rank = new int[CELLS];
            int[] reps = new int[CELLS];
            int count = 0;
            for (int cell = 0; cell < CELLS; cell++) {
                Integer seen = first.putIfAbsent(functionKey(any.spec(cell)), cell);
                if (seen == null) {
                    rep[cell] = cell;
                    rank[cell] = count;
                    reps[count++] = cell;
                } else {
                    rep[cell] = seen;
                    rank[cell] = rank[seen];
                }
            }
            return new Classes(rep, Arrays.copyOf(reps, count), rank);
        }
    }
}
