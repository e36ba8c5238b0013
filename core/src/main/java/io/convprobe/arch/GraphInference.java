package io.convprobe.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * Shapes, parameters, MACs, NASLib's FLOPs and receptive field of a {@link GraphSpec}, without
 * building it. Every edge counts, including ones a run may skip (a conv cut off by {@code none}
 * edges): its weights exist in the reference network, and NASLib's graph runs it.
 *
 * <p><b>MACs</b> are convprobe's usual count: multiply-accumulates of conv and linear layers per
 * image. <b>FLOPs</b> reproduce the count behind NASLib's {@code flops} (tensorwatch's copy of
 * torchstat, one image): conv k²·C_in·C_out·H_out·W_out, batch norm 2 per element (affine), ReLU
 * 1 per element, average pooling k² per output element, adaptive average pooling to 1×1
 * C·(H+1)·(W+1) (torchstat's window arithmetic), linear in·out. Matching it exactly on all 245
 * shared architectures is the check that our networks are the reference's.
 *
 * <p>Receptive field: per node the largest over its live incoming edges ({@code rf += (k−1)·jump},
 * {@code jump *= stride} along an edge); 0 when no path reaches the output.
 */
public final class GraphInference {
    private GraphInference() {}

    /** One block on one input: shapes, counts, and the receptive field at its output. */
    public record BlockInfo(int index, GraphSpec.Block block, Shape input, Shape output, long params, long macs,
            long flops, int receptiveField) {}

    public record GraphSummary(GraphSpec spec, Shape input, List<BlockInfo> blocks) {
        public GraphSummary {
            blocks = List.copyOf(blocks);
        }

        public Shape output() {
            return blocks.get(blocks.size() - 1).output();
        }

        public long params() {
            return blocks.stream().mapToLong(BlockInfo::params).sum();
        }

        public long macs() {
            return blocks.stream().mapToLong(BlockInfo::macs).sum();
        }

        /** NASLib's {@code flops} (× 10⁶ in its tables). */
        public long flops() {
            return blocks.stream().mapToLong(BlockInfo::flops).sum();
        }

        public int receptiveField() {
            return blocks.get(blocks.size() - 1).receptiveField();
        }
    }

    public static GraphSummary infer(GraphSpec spec, Shape input) {
        List<BlockInfo> rows = new ArrayList<>();
        Shape cur = input;
        int rf = 1;
        int jump = 1;
        for (int b = 0; b < spec.blocks().size(); b++) {
            GraphSpec.Block block = spec.blocks().get(b);
            String where = "block " + b + " (" + block.label() + ")";
            Shape[] shape = new Shape[block.nodes()];
            int[] nodeRf = new int[block.nodes()];
            int[] nodeJump = new int[block.nodes()];
            shape[0] = cur;
            nodeRf[0] = rf;
            nodeJump[0] = jump;
            boolean[] live = block.live();
            long params = 0;
            long macs = 0;
            long flops = 0;
            for (int node = 1; node < block.nodes(); node++) {
                if (block.into(node).isEmpty()) {
                    // all its inputs were 'none': zeros shaped like the block input, as the reference's Zero op
                    shape[node] = cur;
                }
                for (GraphSpec.Edge e : block.into(node)) {
                    Counts c = edge(where + ", edge " + e.from() + "->" + e.to(), e, shape[e.from()],
                            nodeRf[e.from()], nodeJump[e.from()]);
                    params += c.params;
                    macs += c.macs;
                    flops += c.flops;
                    if (shape[node] != null && !shape[node].equals(c.out)) {
                        throw new SpecException(where + ": node " + node + " sums " + shape[node] + " and " + c.out
                                + " (edge " + e.from() + "->" + e.to() + ")");
                    }
                    shape[node] = c.out;
                    if (live[e.from()]) {
                        nodeRf[node] = Math.max(nodeRf[node], c.rf);
                        nodeJump[node] = Math.max(nodeJump[node], c.jump);
                    }
                }
            }
            Shape out = shape[block.nodes() - 1];
            boolean outLive = live[block.nodes() - 1];
            rf = outLive && rf > 0 ? nodeRf[block.nodes() - 1] : 0;
            jump = outLive ? nodeJump[block.nodes() - 1] : jump;
            rows.add(new BlockInfo(b, block, cur, out, params, macs, flops, rf));
            cur = out;
        }
        return new GraphSummary(spec, input, rows);
    }

    private record Counts(Shape out, long params, long macs, long flops, int rf, int jump) {}

    private static Counts edge(String where, GraphSpec.Edge e, Shape in, int rf, int jump) {
        Shape cur = in;
        long params = 0;
        long macs = 0;
        long flops = 0;
        for (GraphOp op : e.ops()) {
            String at = where + " (" + GraphOp.token(op) + ")";
            if (op instanceof GraphOp.Conv c) {
                requireImage(at, cur);
                int h = spatial(at, cur.height(), c.kernel(), c.stride(), c.padding());
                int w = spatial(at, cur.width(), c.kernel(), c.stride(), c.padding());
                Shape out = Shape.chw(c.outChannels(), h, w);
                long perOutput = (long) cur.channels() * c.kernel() * c.kernel();
                params += c.outChannels() * perOutput;
                macs += out.elements() * perOutput;
                flops += out.elements() * perOutput;
                rf += (c.kernel() - 1) * jump;
                jump *= c.stride();
                cur = out;
            } else if (op instanceof GraphOp.BatchNorm) {
                params += 2L * cur.channels();
                flops += 2 * cur.elements();
            } else if (op instanceof GraphOp.Relu) {
                flops += cur.elements();
            } else if (op instanceof GraphOp.AvgPool p) {
                requireImage(at, cur);
                int h = spatial(at, cur.height(), p.kernel(), p.stride(), p.padding());
                int w = spatial(at, cur.width(), p.kernel(), p.stride(), p.padding());
                Shape out = Shape.chw(cur.channels(), h, w);
                flops += out.elements() * p.kernel() * p.kernel();
                rf += (p.kernel() - 1) * jump;
                jump *= p.stride();
                cur = out;
            } else if (op instanceof GraphOp.GlobalAvgPool) {
                requireImage(at, cur);
                flops += (long) cur.channels() * (cur.height() + 1) * (cur.width() + 1);
                cur = Shape.vector(cur.channels());
            } else if (op instanceof GraphOp.Linear fc) {
                if (cur.isImage()) {
                    throw new SpecException(at + ": linear needs a flat input, got " + cur);
                }
                params += (long) cur.channels() * fc.outFeatures() + fc.outFeatures();
                macs += (long) cur.channels() * fc.outFeatures();
                flops += (long) cur.channels() * fc.outFeatures();
                cur = Shape.vector(fc.outFeatures());
            }
        }
        return new Counts(cur, params, macs, flops, rf, jump);
    }

    private static int spatial(String at, int in, int kernel, int stride, int padding) {
        int out = ShapeInference.outSize(in, kernel, stride, padding);
        if (out < 1) {
            throw new SpecException(at + ": window " + kernel + "x" + kernel + " is larger than its input " + in
                    + (padding > 0 ? " padded by " + padding : ""));
        }
        return out;
    }

    private static void requireImage(String at, Shape in) {
        if (!in.isImage()) {
            throw new SpecException(at + ": needs a CxHxW input, got flat " + in);
        }
    }
}
