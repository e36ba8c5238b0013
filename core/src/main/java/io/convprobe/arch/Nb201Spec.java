package io.convprobe.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * A NAS-Bench-201 network: the cell's six edge ops, in the published string's order (edges
 * 0→1; 0→2, 1→2; 0→3, 1→3, 2→3), the skeleton's width {@code c} and cells per stage {@code n}.
 * {@link #toGraph} builds the reference {@code TinyNetwork} (AutoDL-Projects, {@code
 * models/cell_infers/tiny_network.py}) as blocks: stem conv 3×3 + BN; n cells at c; a ResNet
 * reduction block to 2c; n cells; a reduction to 4c; n cells; BN + ReLU, global average pool,
 * linear.
 */
public record Nb201Spec(List<Op> ops, int c, int n) {
    public static final int DEFAULT_C = 16;
    public static final int DEFAULT_N = 5;

    /** Source node of each of the six edges; edge {@code k} ends at node {@link #TO}[k]. */
    static final int[] FROM = {0, 0, 1, 0, 1, 2};
    static final int[] TO = {1, 2, 2, 3, 3, 3};

    public Nb201Spec {
        ops = List.copyOf(ops);
        if (ops.size() != 6) {
            throw new SpecException("a NAS-Bench-201 cell has 6 edges, got " + ops.size());
        }
        if (c < 1 || n < 1) {
            throw new SpecException("NAS-Bench-201 width C and cells per stage N must be >= 1, got C" + c + " N" + n);
        }
    }

    /** The five candidate ops; {@link #key} is the published name, {@link #index} NASLib's integer. */
    public enum Op {
        NONE("none", 1), SKIP_CONNECT("skip_connect", 0), NOR_CONV_1X1("nor_conv_1x1", 3),
        NOR_CONV_3X3("nor_conv_3x3", 2), AVG_POOL_3X3("avg_pool_3x3", 4);

        private final String key;
        private final int index;

        Op(String key, int index) {
            this.key = key;
            this.index = index;
        }

        public String key() {
            return key;
        }

        /** NASLib's {@code op_indices} code: 0 skip, 1 none, 2 conv 3×3, 3 conv 1×1, 4 avg pool. */
        public int naslibIndex() {
            return index;
        }

        public static Op parse(String s) {
            for (Op o : values()) {
                if (o.key.equals(s)) {
                    return o;
                }
            }
            throw new SpecException("unknown op '" + s + "' (known: none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3)");
        }

        /** The edge's ops at {@code c} channels: none is no edge (null), skip the empty list. */
        List<GraphOp> graphOps(int c) {
            return switch (this) {
                case NONE -> null;
                case SKIP_CONNECT -> List.of();
                case NOR_CONV_1X1 -> List.of(new GraphOp.Relu(), new GraphOp.Conv(c, 1, 1, 0), new GraphOp.BatchNorm());
                case NOR_CONV_3X3 -> List.of(new GraphOp.Relu(), new GraphOp.Conv(c, 3, 1, 1), new GraphOp.BatchNorm());
                // stride 1 and equal channels: the reference's POOLING has no 1x1 preprocessing conv
                case AVG_POOL_3X3 -> List.of(new GraphOp.AvgPool(3, 1, 1, false));
            };
        }
    }

    /** The published cell string, {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}. */
    public String cellString() {
        StringBuilder b = new StringBuilder("|");
        for (int k = 0; k < 6; k++) {
            b.append(ops.get(k).key()).append('~').append(FROM[k]).append('|');
            if (k == 0 || k == 2) {
                b.append("+|");
            }
        }
        return b.toString();
    }

    /** The reference network for {@code classes} classes, as blocks with sums. */
    public GraphSpec toGraph(int classes) {
        List<GraphSpec.Block> blocks = new ArrayList<>();
        blocks.add(GraphSpec.Block.chain("stem", List.of(new GraphOp.Conv(c, 3, 1, 1), new GraphOp.BatchNorm())));
        int width = c;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                width *= 2;
                blocks.add(reduction(width));
            }
            for (int i = 0; i < n; i++) {
                blocks.add(cell(width));
            }
        }
        blocks.add(GraphSpec.Block.chain("head", List.of(new GraphOp.BatchNorm(), new GraphOp.Relu(),
                new GraphOp.GlobalAvgPool(), new GraphOp.Linear(classes))));
        return new GraphSpec(Nb201Notation.format(this), blocks);
    }

    private GraphSpec.Block cell(int width) {
        List<GraphSpec.Edge> edges = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            List<GraphOp> g = ops.get(k).graphOps(width);
            if (g != null) {
                edges.add(new GraphSpec.Edge(FROM[k], TO[k], g));
            }
        }
        return new GraphSpec.Block("cell", 4, edges);
    }

    /** ResNetBasicblock(stride 2): ReLU-conv-BN twice, plus avg pool 2×2 + 1×1 conv as the shortcut. */
    static GraphSpec.Block reduction(int out) {
        List<GraphOp> body = List.of(new GraphOp.Relu(), new GraphOp.Conv(out, 3, 2, 1), new GraphOp.BatchNorm(),
                new GraphOp.Relu(), new GraphOp.Conv(out, 3, 1, 1), new GraphOp.BatchNorm());
        List<GraphOp> shortcut = List.of(new GraphOp.AvgPool(2, 2, 0, true), new GraphOp.Conv(out, 1, 1, 0));
        return new GraphSpec.Block("reduce", 2, List.of(new GraphSpec.Edge(0, 1, body), new GraphSpec.Edge(0, 1, shortcut)));
    }

    @Override
    public String toString() {
        return Nb201Notation.format(this);
    }
}
