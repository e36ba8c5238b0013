package io.convprobe.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import java.nio.FloatBuffer;
import java.util.List;

/** Builds and initialises DJL networks from specs, with {@link TorchInit}'s PyTorch-identical values. */
public final class Networks {
    private Networks() {}

    /**
     * A ready network: built, its parameters allocated in {@code manager} and set to the
     * (seed, trial) initial values. Shapes are checked first, so an impossible spec fails with a
     * {@link io.convprobe.arch.SpecException} naming the layer rather than an engine error.
     */
    public static SequentialBlock create(ArchSpec spec, Shape input, NDManager manager, long seed, int trial) {
        ArchSummary summary = ShapeInference.infer(spec, input);
        SequentialBlock net = NetworkBuilder.build(spec);
        net.initialize(manager, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(input.withBatch(1)));
        setInitialValues(net, summary, seed, trial);
        return net;
    }

    /** Overwrites every layer's parameters with {@link TorchInit}'s values for (seed, trial). */
    public static void setInitialValues(SequentialBlock net, ArchSummary summary, long seed, int trial) {
        List<Block> children = net.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            LayerWeights w = TorchInit.forLayer(summary, i, seed, trial);
            if (w == null) {
                continue;
            }
            Block child = children.get(i);
            for (Pair<String, Parameter> p : child.getParameters()) {
                String name = p.getKey();
                Parameter param = p.getValue();
                if (name.equals("weight") || name.equals("gamma")) {
                    param.getArray().set(FloatBuffer.wrap(w.weight()));
                } else if ((name.equals("bias") || name.equals("beta")) && w.bias() != null) {
                    param.getArray().set(FloatBuffer.wrap(w.bias()));
                }
            }
        }
    }

    /** Learnable parameter count of an initialised block (running statistics excluded). */
    public static long parameterCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }
}
