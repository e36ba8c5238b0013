package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.nn.FeatureNetwork;
import io.convprobe.nn.GradientCheck;
import io.convprobe.nn.LayerWeights;
import io.convprobe.nn.ProbeLayer;
import io.convprobe.nn.ProbeNetwork;
import io.convprobe.nn.TorchInit;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe network of one (spec, seed, trial) with gradient-tracking weights, for the gradient
 * proxies: the same {@link TorchInit} values as the ridge probe's network (optionally as float64
 * and/or absolute values, for synflow) applied by the same {@link ProbeLayer} operations as a
 * {@link FeatureNetwork} (no assumption that the body is a chain), and
 * optionally a random linear head (features → classes) in PyTorch's default {@code nn.Linear} init.
 * All its arrays — weights, activations, gradients — live in one manager, closed by {@link #close}.
 *
 * <p>Each proxy builds a fresh network per backward pass: DJL's PyTorch gradient collector does not
 * zero gradients between passes (docs/design.md), and fresh leaves sidestep that entirely.
 */
final class GradNetwork implements AutoCloseable {
    /** One weight tensor (flattened) and its gradient. */
    record WeightGrad(double[] weight, double[] grad) {}

    private final NDManager manager;
    private final FeatureNetwork body;
    private final List<NDArray> weights; // conv weights in layer order, then the head's
    private final NDArray headWeight;
    private final NDArray headBias;

    private GradNetwork(NDManager manager, FeatureNetwork body, List<NDArray> weights, NDArray headWeight,
            NDArray headBias) {
        this.manager = manager;
        this.body = body;
        this.weights = weights;
        this.headWeight = headWeight;
        this.headBias = headBias;
    }

    /**
     * The network in a new sub-manager of {@code parent}; weights (not biases) require gradients.
     *
     * @param abs         every parameter replaced by its absolute value (synflow)
     * @param headClasses classes of a random linear head on the flattened output, 0 for none
     */
    static GradNetwork create(ArchSummary s, long seed, int trial, NDManager parent, DataType type, boolean abs,
            int headClasses) {
        if (type == DataType.FLOAT32) {
            GradientCheck.require(); // float32 gradients are wrong under oneDNN's AVX-512 kernels (docs/design.md)
        }
        NDManager m = parent.newSubManager();
        try {
            List<NDArray> weights = new ArrayList<>();
            FeatureNetwork body = ProbeNetwork.create(s, m, (summary, i, lm) -> {
                Layer l = summary.layers().get(i).layer();
                if (!(l instanceof Layer.Conv)) {
                    return ProbeLayer.of(l, null, null);
                }
                LayerWeights w = TorchInit.forLayer(summary, i, seed, trial);
                NDArray wt = array(lm, w.weight(), w.weightShape(), type, abs);
                wt.setRequiresGradient(true);
                NDArray b = w.bias() == null ? null : array(lm, w.bias(), new long[] {w.bias().length}, type, abs);
                weights.add(wt);
                return ProbeLayer.of(l, wt, b);
            });
            NDArray hw = null;
            NDArray hb = null;
            if (headClasses > 0) {
                LayerWeights h = RandomHead.initial(s, headClasses, seed, trial);
                hw = array(m, h.weight(), h.weightShape(), type, abs);
                hw.setRequiresGradient(true);
                hb = array(m, h.bias(), new long[] {headClasses}, type, abs);
                weights.add(hw);
            }
            return new GradNetwork(m, body, weights, hw, hb);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private static NDArray array(NDManager m, float[] v, long[] shape, DataType type, boolean abs) {
        if (type == DataType.FLOAT64) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = abs ? Math.abs((double) v[i]) : v[i];
            }
            return m.create(d, new Shape(shape));
        }
        float[] f = v;
        if (abs) {
            f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = Math.abs(v[i]);
            }
        }
        return m.create(f, new Shape(shape));
    }

    NDManager manager() {
        return manager;
    }

    /** The weights that require gradients: conv weights in layer order, then the head's (if any). */
    List<NDArray> weights() {
        return weights;
    }

    /** Flattened output (N×features), or the head's logits (N×classes); results in {@code x}'s manager. */
    NDArray forward(NDArray x) {
        // trace, not forward: the backward pass needs every intermediate alive
        NDArray flat = body.trace(x, FeatureNetwork.OpObserver.NONE);
        if (headWeight == null) {
            return flat;
        }
        return flat.matMul(headWeight.transpose()).add(headBias);
    }

    /** Mean cross-entropy of {@code logits} (N×K) against {@code labels}, as {@code nn.CrossEntropyLoss()}. */
    static NDArray crossEntropy(NDArray logits, int[] labels, int from) {
        long n = logits.getShape().get(0);
        int k = (int) logits.getShape().get(1);
        float[] onehot = new float[(int) n * k];
        for (int i = 0; i < n; i++) {
            onehot[i * k + labels[from + i]] = 1f;
        }
        // DJL's PtNDArray.oneHot is unsupported (docs/design.md): a JVM one-hot times log-softmax
        NDArray target = logits.getManager().create(onehot, new Shape(n, k)).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(target).sum().neg().div(n);
    }

    /**
     * Weights and gradients of the cross-entropy of rows [from, to) of the input's images under a
     * fresh network in {@code type} with a random head (seeded per (spec, seed, trial), the same for
     * every batch).
     */
    static List<WeightGrad> labelledGradients(ProxyInput in, long from, long to, DataType type) {
        try (NDManager scope = in.manager().newSubManager();
                GradNetwork net = create(in.summary(), in.seed(), in.trial(), scope, type, false, in.numClasses())) {
            NDArray x = in.images().get(new NDIndex("{}:{}", from, to));
            x.attach(net.manager());
            x = x.toType(type, false);
            synchronized (GradientCheck.COLLECTOR_LOCK) { // one open collector per JVM
                try (GradientCollector gc = scope.getEngine().newGradientCollector()) {
                    NDArray loss = crossEntropy(net.forward(x), in.labels(), (int) from);
                    gc.backward(loss);
                }
            }
            List<WeightGrad> out = new ArrayList<>();
            for (NDArray w : net.weights()) {
                out.add(new WeightGrad(w.toType(DataType.FLOAT64, false).toDoubleArray(),
                        w.getGradient().toType(DataType.FLOAT64, false).toDoubleArray()));
            }
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
