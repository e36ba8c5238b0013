package io.convprobe.proxy;

import java.util.List;

/**
 * {@code zico} (Li, Yang, Wang, Marculescu, "ZiCo: Zero-shot NAS via Inverse Coefficient of
 * Variation on Gradients", ICLR 2023; reference code github.com/SLDGroup/ZiCo,
 * {@code ZeroShotProxy/compute_zico.py}): the random head and cross-entropy of {@code grad_norm} on
 * two labelled batches of 64 (train images 0–63 and 64–127), per weight the mean of |g| over the two
 * batches divided by the standard deviation of g (population, ddof 0); score = Σ over layers (conv
 * weights and the head's weight) of log Σ of that ratio, over the weights whose standard deviation
 * is not zero; a layer whose sum is zero is skipped, as in the reference. NaN with fewer than 65
 * train images.
 *
 * <p>Difference from the reference, on purpose: the network, both backward passes and the
 * statistics run in <b>float64</b> (the reference: float32). With two batches the std is |g₀ − g₁|/2,
 * and a single weight whose two gradients agree to 5 digits can carry most of a layer's sum; in
 * float32 that weight's ratio is rounding noise (two libtorch builds disagreed by 2.5e-4 in the score
 * on our fixtures). In float64 the score is reproducible; grad_norm and snip stay float32.
 */
final class ZicoProxy implements Proxy {
    @Override
    public String name() {
        return "zico";
    }

    @Override
    public Gradients gradients() {
        return Gradients.FLOAT64;
    }

    @Override
    public double score(ProxyInput in) {
        List<GradNetwork.WeightGrad> a = in.labelledGradients(0, ai.djl.ndarray.types.DataType.FLOAT64);
        List<GradNetwork.WeightGrad> b = in.labelledGradients(1, ai.djl.ndarray.types.DataType.FLOAT64);
        if (a == null || b == null) {
            return Double.NaN;
        }
        double score = 0;
        for (int l = 0; l < a.size(); l++) {
            double[] g0 = a.get(l).grad();
            double[] g1 = b.get(l).grad();
            double sum = 0;
            for (int i = 0; i < g0.length; i++) {
                double mean = (g0[i] + g1[i]) / 2;
                double d0 = g0[i] - mean;
                double d1 = g1[i] - mean;
                double std = Math.sqrt((d0 * d0 + d1 * d1) / 2);
                if (std != 0) {
                    sum += (Math.abs(g0[i]) + Math.abs(g1[i])) / 2 / std;
                }
            }
            if (sum != 0) {
                score += Math.log(sum);
            }
        }
        return score;
    }
}
