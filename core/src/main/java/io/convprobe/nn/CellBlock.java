package io.convprobe.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.convprobe.arch.GraphOp;
import io.convprobe.arch.GraphSpec;
import java.util.List;

/**
 * One {@link GraphSpec.Block} as a DJL block: a child {@link SequentialBlock} per edge (named
 * {@code e<i>_<from>_<to>}, in edge order, so parameters list in the reference's order), and a
 * forward pass that sums each node's incoming edges in edge order.
 *
 * <p>Edges that cannot reach the output (a conv behind a node whose only way on is {@code none})
 * are skipped at run time: their result would be discarded, so skipping is exact in training and
 * evaluation alike. Edges leaving a zero node (all its inputs {@code none}) do run, on zeros, as in
 * the reference: ReLU → conv → batch norm of zeros is batch norm's bias β, which is 0 at
 * initialisation but learns in training, so skipping them would change what trains.
 */
public final class CellBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final GraphSpec.Block spec;
    private final boolean[] useful;

    public CellBlock(GraphSpec.Block spec) {
        super(VERSION);
        this.spec = spec;
        this.useful = spec.useful();
        List<GraphSpec.Edge> edges = spec.edges();
        for (int i = 0; i < edges.size(); i++) {
            GraphSpec.Edge e = edges.get(i);
            SequentialBlock seq = new SequentialBlock();
            if (e.ops().isEmpty()) {
                seq.add(Blocks.identityBlock());
            }
            for (GraphOp op : e.ops()) {
                seq.add(block(op));
            }
            addChildBlock("e" + i + "_" + e.from() + "_" + e.to(), seq);
        }
    }

    public GraphSpec.Block spec() {
        return spec;
    }

    /** One op as PyTorch builds it: convs without bias, BN eps 1e-5 momentum 0.1 (DJL's 0.9). */
    static Block block(GraphOp op) {
        if (op instanceof GraphOp.Conv c) {
            return Conv2d.builder().setFilters(c.outChannels()).setKernelShape(square(c.kernel()))
                    .optStride(square(c.stride())).optPadding(square(c.padding())).optBias(false).build();
        } else if (op instanceof GraphOp.BatchNorm) {
            return BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
        } else if (op instanceof GraphOp.Relu) {
            return Activation.reluBlock();
        } else if (op instanceof GraphOp.AvgPool p) {
            return p.countPad() || p.padding() == 0
                    ? Pool.avgPool2dBlock(square(p.kernel()), square(p.stride()), square(p.padding()), false, true)
                    : LambdaBlock.singleton(x -> avgPoolExcludingPad(x, p), "avgPool2dExcludePad");
        } else if (op instanceof GraphOp.GlobalAvgPool) {
            return Pool.globalAvgPool2dBlock(); // N×C×H×W → N×C
        }
        return Linear.builder().setUnits(((GraphOp.Linear) op).outFeatures()).optBias(true).build();
    }

    /**
     * PyTorch's {@code count_include_pad=False}: DJL 0.36's libtorch binding ignores that flag
     * (measured: the result equals the padded average), so divide the padded average by the
     * padded average of ones — the fraction of each window inside the image.
     */
    static NDArray avgPoolExcludingPad(NDArray x, GraphOp.AvgPool p) {
        Shape k = square(p.kernel());
        Shape s = square(p.stride());
        Shape pad = square(p.padding());
        NDArray padded = Pool.avgPool2d(x, k, s, pad, false, true);
        long[] dims = x.getShape().getShape();
        try (NDArray ones = x.getManager().ones(new Shape(1, 1, dims[2], dims[3]), x.getDataType());
                NDArray inside = Pool.avgPool2d(ones, k, s, pad, false, true)) {
            NDArray out = padded.div(inside);
            padded.close();
            return out;
        }
    }

    private static Shape square(int v) {
        return new Shape(v, v);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray[] node = new NDArray[spec.nodes()];
        node[0] = inputs.singletonOrThrow();
        List<Block> edges = children.values();
        for (int n = 1; n < spec.nodes(); n++) {
            NDArray sum = null;
            boolean any = false;
            for (int i = 0; i < spec.edges().size(); i++) {
                GraphSpec.Edge e = spec.edges().get(i);
                if (e.to() != n) {
                    continue;
                }
                any = true;
                if (!useful[i]) {
                    continue;
                }
                NDArray y = edges.get(i).forward(ps, new NDList(node[e.from()]), training, params).singletonOrThrow();
                sum = sum == null ? y : sum.add(y);
            }
            if (sum == null && (!any || n == spec.nodes() - 1)) {
                // all inputs 'none' (the reference's Zero op at stride 1): zeros shaped like the block input
                sum = node[0].zerosLike();
            }
            node[n] = sum;
        }
        return new NDList(node[spec.nodes() - 1]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {nodeShapes(inputShapes[0])[spec.nodes() - 1]};
    }

    /** Each node's shape: an edge's output shape, or the block input's for a node with no edges in. */
    private Shape[] nodeShapes(Shape input) {
        Shape[] shape = new Shape[spec.nodes()];
        shape[0] = input;
        List<Block> edges = children.values();
        for (int n = 1; n < spec.nodes(); n++) {
            shape[n] = input;
            for (int i = 0; i < spec.edges().size(); i++) {
                GraphSpec.Edge e = spec.edges().get(i);
                if (e.to() == n) {
                    shape[n] = edges.get(i).getOutputShapes(new Shape[] {shape[e.from()]})[0];
                }
            }
        }
        return shape;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shape = new Shape[spec.nodes()];
        shape[0] = inputShapes[0];
        List<Block> edges = children.values();
        for (int n = 1; n < spec.nodes(); n++) {
            shape[n] = inputShapes[0];
            for (int i = 0; i < spec.edges().size(); i++) {
                GraphSpec.Edge e = spec.edges().get(i);
                if (e.to() == n) {
                    edges.get(i).initialize(manager, dataType, shape[e.from()]);
                    shape[n] = edges.get(i).getOutputShapes(new Shape[] {shape[e.from()]})[0];
                }
            }
        }
    }
}
