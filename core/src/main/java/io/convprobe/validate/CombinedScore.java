package io.convprobe.validate;

import io.convprobe.stats.RankCorrelation;
import io.convprobe.stats.RidgeRegression;
import java.util.Arrays;
import java.util.List;

/**
 * The combined score: a ridge regression of trained-accuracy ranks on proxy ranks.
 *
 * <p>Inputs: for each proxy, the architecture's percentile rank among all screened architectures
 * of the search ({@code (rank − 1) / (N − 1)}, average ranks for ties, in [0, 1]; a missing value
 * counts as the median, 0.5). Ranks rather than raw values, because proxies live on wildly
 * different scales (log-determinants, parameter counts, percentages) and only their order is
 * meant to carry information; population ranks rather than ranks among the trained sample, so the
 * same inputs exist for every architecture of the search and the fitted model can be applied to
 * all of them ({@code validate --apply}). Target: the trained accuracies' ranks within the fitted
 * set, scaled to [0, 1] (robust to a network that failed to train). Model: {@code y ≈ b + Σ w_j
 * x_j}, minimising {@code Σ (y − ŷ)² + alpha · Σ w_j²} with an unpenalised intercept (centred
 * inputs), alpha = {@value #ALPHA}.
 *
 * <p>Its quality is only ever reported by leave-one-out: each trained architecture's combined
 * score comes from a model fitted on the others ({@link #leaveOneOut}); the final model (fitted on
 * all) is what {@code --apply} writes.
 */
public final class CombinedScore {
    public static final String NAME = "combined";
    public static final double ALPHA = 1.0;

    private final List<String> inputs;
    private final double[] weights;
    private final double intercept;

    private CombinedScore(List<String> inputs, double[] weights, double intercept) {
        this.inputs = List.copyOf(inputs);
        this.weights = weights;
        this.intercept = intercept;
    }

    /** Fits on rows {@code x[i]} (one value per input, percentile ranks) with trained accuracies {@code y}. */
    public static CombinedScore fit(List<String> inputs, double[][] x, double[] y, double alpha) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("the combined score needs at least 2 trained architectures, got " + n);
        }
        RidgeRegression r = RidgeRegression.fit(x, RankCorrelation.scaledRanks(y), alpha);
        return new CombinedScore(inputs, r.weights(), r.intercept());
    }

    /** Each row's prediction from a model fitted on all the other rows. */
    public static double[] leaveOneOut(List<String> inputs, double[][] x, double[] y, double alpha) {
        int n = x.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double[][] xs = new double[n - 1][];
            double[] ys = new double[n - 1];
            for (int j = 0, k = 0; j < n; j++) {
                if (j != i) {
                    xs[k] = x[j];
                    ys[k++] = y[j];
                }
            }
            out[i] = fit(inputs, xs, ys, alpha).predict(x[i]);
        }
        return out;
    }

    public double predict(double[] row) {
        double s = intercept;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * row[j];
        }
        return s;
    }

    public List<String> inputs() {
        return inputs;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double intercept() {
        return intercept;
    }

    /**
     * Percentile ranks of a population's values: {@code (rank − 1)/(N − 1)} among the finite
     * values, NaN for non-finite ones (the caller decides what a missing value means).
     */
    public static double[] percentiles(double[] values) {
        int[] finite = java.util.stream.IntStream.range(0, values.length).filter(i -> Double.isFinite(values[i]))
                .toArray();
        double[] f = new double[finite.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = values[finite[i]];
        }
        double[] out = new double[values.length];
        Arrays.fill(out, Double.NaN);
        if (f.length == 0) {
            return out;
        }
        double[] r = RankCorrelation.scaledRanks(f);
        for (int i = 0; i < f.length; i++) {
            out[finite[i]] = r[i];
        }
        return out;
    }
}
