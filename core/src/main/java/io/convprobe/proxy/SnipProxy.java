package io.convprobe.proxy;

import java.util.List;

/**
 * {@code snip} (Lee, Ajanthan, Torr, "SNIP: Single-shot Network Pruning based on Connection
 * Sensitivity", ICLR 2019, as a zero-cost proxy in Abdelfattah et al. 2021; reference code
 * github.com/SamsungLabs/zero-cost-nas, {@code foresight/pruners/measures/snip.py}): the same
 * random head and labelled batch of 64 as {@code grad_norm}; score = Σ over conv weights and the
 * head's weight of |W ⊙ ∂L/∂W|. The reference differentiates a weight mask of ones
 * (∂L/∂mask = W ⊙ ∂L/∂W); we multiply directly, which is the same number.
 */
final class SnipProxy implements Proxy {
    @Override
    public String name() {
        return "snip";
    }

    @Override
    public Gradients gradients() {
        return Gradients.FLOAT32;
    }

    @Override
    public double score(ProxyInput in) {
        List<GradNetwork.WeightGrad> g = in.labelledGradients(0, ai.djl.ndarray.types.DataType.FLOAT32);
        if (g == null) {
            return Double.NaN;
        }
        double total = 0;
        for (GradNetwork.WeightGrad wg : g) {
            double[] w = wg.weight();
            double[] d = wg.grad();
            for (int i = 0; i < w.length; i++) {
                total += Math.abs(w[i] * d[i]);
            }
        }
        return total;
    }
}
