package io.convprobe.proxy;

import java.util.List;

/**
 * {@code grad_norm} (Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS", ICLR 2021;
 * reference code github.com/SamsungLabs/zero-cost-nas, {@code foresight/pruners/measures/grad_norm.py}):
 * a random-init linear head (PyTorch's {@code nn.Linear} default) on the flattened output,
 * cross-entropy (mean) on one labelled batch of the first 64 train images; score = Σ over layers of
 * ‖∂L/∂W‖ (Frobenius norm per conv weight and the head's weight, as the reference sums every conv
 * and linear layer).
 */
final class GradNormProxy implements Proxy {
    @Override
    public String name() {
        return "grad_norm";
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
            double ss = 0;
            for (double v : wg.grad()) {
                ss += v * v;
            }
            total += Math.sqrt(ss);
        }
        return total;
    }
}
