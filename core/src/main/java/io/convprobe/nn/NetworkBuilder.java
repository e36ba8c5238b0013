package io.convprobe.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;

/**
 * Spec → DJL {@link SequentialBlock}, one child block per spec layer (so child {@code i} is layer
 * {@code i}). Semantics follow PyTorch: average pooling counts padding, batch norm uses momentum
 * 0.1 in PyTorch's convention (DJL's 0.9) and eps 1e-5.
 */
public final class NetworkBuilder {
    private NetworkBuilder() {}

    public static SequentialBlock build(ArchSpec spec) {
        SequentialBlock net = new SequentialBlock();
        for (Layer l : spec.layers()) {
            net.add(block(l));
        }
        return net;
    }

    static Block block(Layer l) {
        if (l instanceof Layer.Conv c) {
            return Conv2d.builder()
                    .setFilters(c.outChannels())
                    .setKernelShape(square(c.kernel()))
                    .optStride(square(c.stride()))
                    .optDilation(square(c.dilation()))
                    .optPadding(square(c.padding()))
                    .optBias(c.bias())
                    .build();
        }
        if (l instanceof Layer.Act a) {
            return switch (a.fn()) {
                case RELU -> Activation.reluBlock();
                case GELU -> Activation.geluBlock();
                case TANH -> Activation.tanhBlock();
                case SIGMOID -> Activation.sigmoidBlock();
                case IDENTITY -> Blocks.identityBlock();
            };
        }
        if (l instanceof Layer.Pool p) {
            return p.kind() == Layer.PoolKind.MAX
                    ? Pool.maxPool2dBlock(square(p.kernel()), square(p.stride()), square(p.padding()))
                    : Pool.avgPool2dBlock(square(p.kernel()), square(p.stride()), square(p.padding()), false, true);
        }
        if (l instanceof Layer.BatchNorm) {
            return BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
        }
        if (l instanceof Layer.Dropout d) {
            return Dropout.builder().optRate((float) d.p()).build();
        }
        if (l instanceof Layer.Flatten) {
            return Blocks.batchFlattenBlock();
        }
        Layer.Linear fc = (Layer.Linear) l;
        return Linear.builder().setUnits(fc.outFeatures()).optBias(fc.bias()).build();
    }

    static ai.djl.ndarray.types.Shape square(int v) {
        return new ai.djl.ndarray.types.Shape(v, v);
    }
}
