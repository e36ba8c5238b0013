package io.convprobe.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.SpecFormat;

/**
 * One layer of a random-weight probe network, applied functionally to an NDArray: its weights
 * (from {@link TorchInit} for one (spec prefix, seed, trial)) live in the manager it was created
 * in; {@link #apply} never keeps the arrays it is given or returns.
 *
 * <p>Probing runs the network at evaluation, PyTorch semantics: conv (zero padding, bias),
 * activations, max/avg pooling (floor mode, average counts padding), dropout as identity, flatten
 * as a reshape to (batch, features). Batch norm and linear layers are refused: the protocol probes
 * a conv stack without head, and batch norm at evaluation with fresh statistics would be a constant
 * scale anyway.
 */
public final class ProbeLayer {
    private final Layer layer;
    private final NDArray weight;
    private final NDArray bias;
    private final FftConv2d fft; // null: libtorch's own convolution

    private ProbeLayer(Layer layer, NDArray weight, NDArray bias, FftConv2d fft) {
        this.layer = layer;
        this.weight = weight;
        this.bias = bias;
        this.fft = fft;
    }

    private ProbeLayer(Layer layer, NDArray weight, NDArray bias) {
        this(layer, weight, bias, null);
    }

    /**
     * The same layer with the same weights computed by {@link FftConv2d} (a conv; any other layer
     * is returned as is). Equal to the direct convolution within float32 rounding, not bit for bit.
     */
    public ProbeLayer withFft() {
        if (!(layer instanceof Layer.Conv c) || fft != null) {
            return this;
        }
        return new ProbeLayer(layer, weight, bias, new FftConv2d(weight, bias, c.stride(), c.padding(), c.dilation()));
    }

    /** Which algorithm {@link #apply} uses for a conv. */
    public ConvAlgorithm algorithm() {
        return fft != null ? ConvAlgorithm.FFT : ConvAlgorithm.DIRECT;
    }

    /**
     * The layer of {@code shape} with arbitrary weights (uniform in ±1/√fan_in, not the probe's
     * seeded ones) in {@code manager}: for timing, which does not depend on the values.
     */
    public static ProbeLayer random(LayerShape shape, NDManager manager) {
        if (!(shape.layer() instanceof Layer.Conv c)) {
            return new ProbeLayer(shape.layer(), null, null);
        }
        int in = shape.input().channels();
        float b = (float) (1 / Math.sqrt((double) in * c.kernel() * c.kernel()));
        NDArray w = manager.randomUniform(-b, b, new ai.djl.ndarray.types.Shape(c.outChannels(), in, c.kernel(), c.kernel()));
        NDArray bias = c.bias() ? manager.randomUniform(-b, b, new ai.djl.ndarray.types.Shape(c.outChannels())) : null;
        return new ProbeLayer(shape.layer(), w, bias);
    }

    /**
     * Layer {@code index} of the summarised spec with its (seed, trial) initial values, its arrays
     * allocated in {@code manager}. Weights depend only on the layers up to {@code index}, so two
     * specs sharing a prefix get equal layers for it.
     */
    public static ProbeLayer create(ArchSummary summary, int index, NDManager manager, long seed, int trial) {
        Layer l = summary.layers().get(index).layer();
        requireProbeable(summary.spec(), index);
        if (!(l instanceof Layer.Conv)) {
            return new ProbeLayer(l, null, null);
        }
        LayerWeights w = TorchInit.forLayer(summary, index, seed, trial);
        NDArray weight = manager.create(w.weight(), new ai.djl.ndarray.types.Shape(w.weightShape()));
        NDArray bias = w.bias() == null ? null : manager.create(w.bias());
        return new ProbeLayer(l, weight, bias);
    }

    /**
     * A layer with weights the caller made (e.g. float64 or gradient-tracking copies for the
     * zero-cost proxies); {@code weight} is null for layers without parameters. The caller owns them.
     */
    public static ProbeLayer of(Layer layer, NDArray weight, NDArray bias) {
        if (layer instanceof Layer.BatchNorm || layer instanceof Layer.Linear) {
            throw new IllegalArgumentException("not a probe layer: " + SpecFormat.token(layer));
        }
        if ((layer instanceof Layer.Conv) != (weight != null)) {
            throw new IllegalArgumentException("a conv layer needs a weight, other layers none: " + SpecFormat.token(layer));
        }
        return new ProbeLayer(layer, weight, bias);
    }

    /** Throws a {@link UserException} naming the first layer the probe cannot run. */
    public static void requireProbeable(ArchSpec spec) {
        for (int i = 0; i < spec.layers().size(); i++) {
            requireProbeable(spec, i);
        }
    }

    private static void requireProbeable(ArchSpec spec, int index) {
        Layer l = spec.layers().get(index);
        if (l instanceof Layer.BatchNorm || l instanceof Layer.Linear) {
            throw new UserException("layer " + index + " (" + SpecFormat.token(l) + ") of '" + SpecFormat.toCompact(spec)
                    + "' cannot be probed: the random-weight probe runs conv, activation, pool, dropout and flatten"
                    + " layers only (no batch norm, no head)");
        }
    }

    public Layer layer() {
        return layer;
    }

    /** True when {@link #apply} returns its argument itself (dropout, identity activation). */
    public boolean isIdentity() {
        return layer instanceof Layer.Dropout
                || (layer instanceof Layer.Act a && a.fn() == Layer.Activation.IDENTITY);
    }

    /**
     * This layer on a batch {@code x} (N×C×H×W, or N×F after flatten). The result is a new array in
     * {@code x}'s manager, except for identity layers (dropout, identity activation), which return
     * {@code x} itself — callers must check before closing.
     */
    public NDArray apply(NDArray x) {
        if (fft != null) {
            return fft.apply(x);
        }
        if (layer instanceof Layer.Conv c) {
            ai.djl.ndarray.types.Shape k = square(c.stride());
            return Conv2d.conv2d(x, weight, bias, k, square(c.padding()), square(c.dilation()), 1).singletonOrThrow();
        }
        if (layer instanceof Layer.Act a) {
            return switch (a.fn()) {
                case RELU -> Activation.relu(x);
                case GELU -> Activation.gelu(x);
                case TANH -> Activation.tanh(x);
                case SIGMOID -> Activation.sigmoid(x);
                case IDENTITY -> x;
            };
        }
        if (layer instanceof Layer.Pool p) {
            ai.djl.ndarray.types.Shape k = square(p.kernel());
            return p.kind() == Layer.PoolKind.MAX
                    ? Pool.maxPool2d(x, k, square(p.stride()), square(p.padding()), false)
                    : Pool.avgPool2d(x, k, square(p.stride()), square(p.padding()), false, true);
        }
        if (layer instanceof Layer.Flatten) {
            return x.reshape(x.getShape().get(0), -1);
        }
        return x; // dropout: identity at evaluation
    }

    private static ai.djl.ndarray.types.Shape square(int v) {
        return new ai.djl.ndarray.types.Shape(v, v);
    }
}
