package io.convprobe.validate;

import java.util.Arrays;
import java.util.Locale;

/** A confidence interval [lo, hi]; NaN bounds when it could not be estimated. */
public record Interval(double lo, double hi) {
    public static final Interval UNKNOWN = new Interval(Double.NaN, Double.NaN);

    /**
     * The percentile interval of a bootstrap distribution: the (1−level)/2 and (1+level)/2
     * quantiles, linearly interpolated between order statistics (numpy's default percentile).
     * Non-finite values are dropped; fewer than 10 finite values give {@link #UNKNOWN}.
     */
    public static Interval percentile(double[] values, double level) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length < 10) {
            return UNKNOWN;
        }
        return new Interval(quantile(v, (1 - level) / 2), quantile(v, (1 + level) / 2));
    }

    /** Quantile q of sorted values, numpy 'linear': position q·(n−1). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double f = pos - i;
        return sorted[i] + f * (sorted[i + 1] - sorted[i]);
    }

    public boolean known() {
        return Double.isFinite(lo) && Double.isFinite(hi);
    }

    /** {@code [0.55, 0.82]} or {@code [–]}. */
    @Override
    public String toString() {
        return known() ? String.format(Locale.ROOT, "[%.2f, %.2f]", lo, hi) : "[–]";
    }
}
