package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.convprobe.nn.GradientCheck;

/**
 * {@code synflow} (Tanaka et al., "Pruning neural networks without any data by iteratively
 * conserving synaptic flow", NeurIPS 2020, as a zero-cost proxy in Abdelfattah et al., "Zero-Cost
 * Proxies for Lightweight NAS", ICLR 2021; reference code github.com/SamsungLabs/zero-cost-nas,
 * {@code foresight/pruners/measures/synflow.py}): every parameter replaced by its absolute value,
 * the network in float64 on one all-ones input, R = Σ output; score = log Σ over conv weights of
 * |θ ⊙ ∂R/∂θ|. No data, no labels.
 *
 * <p>Differences from the reference: it sums the per-weight scores unlogged (its {@code sum_arr}),
 * over a network that ends in a classifier; the definition takes the log (the raw sum spans
 * hundreds of orders of magnitude across a space) and the probe network has no head, so the sum is
 * over its conv weights. Biases are made absolute too (the reference's {@code state_dict} loop) but
 * not scored.
 */
final class SynflowProxy implements Proxy {
    @Override
    public String name() {
        return "synflow";
    }

    @Override
    public Gradients gradients() {
        return Gradients.FLOAT64;
    }

    @Override
    public double score(ProxyInput in) {
        io.convprobe.arch.Shape s = in.network().input();
        try (NDManager scope = in.manager().newSubManager();
                GradNetwork net = in.network().gradients(ProxyNetwork.Pass.SYNFLOW, DataType.FLOAT64, scope, 0)) {
            if (net.weights().isEmpty()) {
                return Double.NaN;
            }
            NDArray x = net.manager().ones(new Shape(1, s.channels(), s.height(), s.width()),
                    DataType.FLOAT64);
            synchronized (GradientCheck.COLLECTOR_LOCK) {
                try (GradientCollector gc = scope.getEngine().newGradientCollector()) {
                    gc.backward(net.forward(x).sum());
                }
            }
            double total = 0;
            for (NDArray w : net.weights()) {
                total += w.mul(w.getGradient()).abs().sum().getDouble();
            }
            return total > 0 && Double.isFinite(total) ? Math.log(total) : Double.NaN;
        }
    }
}
