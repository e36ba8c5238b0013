package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
 */
final class ChainGradNetwork implements GradNetwork {
    private final NDManager manager;
    private final FeatureNetwork body;
    private final List<NDArray> weights; // conv weights in layer order, then the head's
    private final NDArray headWeight;
    private final NDArray headBias;

    private ChainGradNetwork(NDManager manager, FeatureNetwork body, List<NDArray> weights, NDArray headWeight,
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
    static ChainGradNetwork create(ArchSummary s, long seed, int trial, NDManager parent, DataType type, boolean abs,
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
            return new ChainGradNetwork(m, body, weights, hw, hb);
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

    @Override
    public NDManager manager() {
        return manager;
    }

    /** The weights that require gradients: conv weights in layer order, then the head's (if any). */
    @Override
    public List<NDArray> weights() {
        return weights;
    }

    /** Flattened output (N×features), or the head's logits (N×classes); results in {@code x}'s manager. */
    @Override
    public NDArray forward(NDArray x) {
        // trace, not forward: the backward pass needs every intermediate alive
        NDArray flat = body.trace(x, FeatureNetwork.OpObserver.NONE);
        if (headWeight == null) {
            return flat;
        }
        return flat.matMul(headWeight.transpose()).add(headBias);
    }

    @Override
    public void close() {
        manager.close();
    }
}
