package io.convprobe.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.GraphOp;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Shape;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a {@link GraphSpec} as a DJL network (a {@link SequentialBlock} of {@link CellBlock}s, child
 * {@code b} = block {@code b}) with PyTorch's default initialisation, as NAS-Bench-201's reference
 * builds its networks: convs and the linear layer uniform in ±1/√fan_in (the linear bias too),
 * batch norm γ = 1, β = 0.
 *
 * <p>Each op's generator is seeded from (seed, trial, the network's name, block, edge and op
 * index): the same network, seed and trial give the same weights on every machine. Unlike the
 * chains' {@link TorchInit}, no prefix sharing is promised (cell networks have no shared-prefix
 * sweep).
 */
public final class CellNetworks {
    private CellNetworks() {}

    /**
     * A ready network: shapes checked first (so a bad graph fails with a {@code SpecException},
     * not an engine error), then built, allocated in {@code manager} and initialised.
     */
    public static SequentialBlock create(GraphSpec spec, Shape input, NDManager manager, long seed, int trial) {
        GraphInference.infer(spec, input);
        SequentialBlock net = new SequentialBlock();
        for (GraphSpec.Block b : spec.blocks()) {
            net.add(new CellBlock(b));
        }
        net.initialize(manager, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(input.withBatch(1)));
        setInitialValues(net, spec, input, seed, trial);
        return net;
    }

    /** Overwrites every parameter with the (seed, trial) PyTorch-default values. */
    public static void setInitialValues(SequentialBlock net, GraphSpec spec, Shape input, long seed, int trial) {
        List<float[]> values = initialValues(spec, input, seed, trial);
        List<Parameter> params = learnable(net);
        if (params.size() != values.size()) {
            throw new IllegalStateException("network has " + params.size() + " parameters, spec " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            params.get(i).getArray().set(FloatBuffer.wrap(values.get(i)));
        }
    }

    /**
     * The (seed, trial) PyTorch-default values of every learnable parameter, in the reference's
     * {@code named_parameters()} order (blocks, edges, ops; weight before bias, γ before β), each
     * flattened in PyTorch's layout: what {@link #setInitialValues} writes into a DJL network and
     * what {@link GraphNetwork} computes with.
     */
    public static List<float[]> initialValues(GraphSpec spec, Shape input, long seed, int trial) {
        GraphInference.GraphSummary summary = GraphInference.infer(spec, input);
        List<float[]> out = new ArrayList<>();
        for (int b = 0; b < spec.blocks().size(); b++) {
            GraphSpec.Block block = spec.blocks().get(b);
            Shape[] nodeShape = nodeShapes(block, summary.blocks().get(b).input());
            for (int e = 0; e < block.edges().size(); e++) {
                GraphSpec.Edge edge = block.edges().get(e);
                int channels = nodeShape[edge.from()].channels();
                int features = channels;
                for (int o = 0; o < edge.ops().size(); o++) {
                    GraphOp op = edge.ops().get(o);
                    SplittableRandom rng = new SplittableRandom(opSeed(seed, trial, spec.name(), b, e, o));
                    if (op instanceof GraphOp.Conv c) {
                        long fanIn = (long) channels * c.kernel() * c.kernel();
                        out.add(TorchInit.uniform(rng, Math.toIntExact(c.outChannels() * fanIn), TorchInit.bound(fanIn)));
                        channels = c.outChannels();
                        features = channels;
                    } else if (op instanceof GraphOp.BatchNorm) {
                        float[] ones = new float[channels];
                        Arrays.fill(ones, 1f);
                        out.add(ones);
                        out.add(new float[channels]);
                    } else if (op instanceof GraphOp.Linear fc) {
                        double bound = TorchInit.bound(features);
                        out.add(TorchInit.uniform(rng, fc.outFeatures() * features, bound));
                        out.add(TorchInit.uniform(rng, fc.outFeatures(), bound));
                        features = fc.outFeatures();
                    }
                }
            }
        }
        return out;
    }

    /**
     * The learnable parameters in the reference's {@code named_parameters()} order (blocks, edges,
     * ops; weight before bias, γ before β): what a fixture or an export pairs up by position.
     */
    public static List<Parameter> learnable(Block net) {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    private static Shape[] nodeShapes(GraphSpec.Block block, Shape input) {
        Shape[] shape = new Shape[block.nodes()];
        Arrays.fill(shape, input);
        // a conv's fan-in needs only its source node's channels: node 0 is the block input, and every
        // other node's channels are those of the edges into it, which GraphInference has checked agree
        for (int n = 1; n < block.nodes(); n++) {
            for (GraphSpec.Edge e : block.into(n)) {
                GraphSpec.Block one = new GraphSpec.Block(block.label(), 2, List.of(new GraphSpec.Edge(0, 1, e.ops())));
                shape[n] = GraphInference.infer(new GraphSpec("edge", List.of(one)), shape[e.from()]).output();
            }
        }
        return shape;
    }

    static long opSeed(long seed, int trial, String network, int block, int edge, int op) {
        String key = "convprobe-cell-init-v1|" + seed + '|' + trial + '|' + network + '|' + block + '|' + edge + '|' + op;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(h, 0, 8).getLong();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}
