package io.convprobe.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The published fitness: {@code normalized(accuracy) + w · normalized(throughput)}, where
 * normalized is min-max scaling over the given rows (so fitness is relative to the set it is
 * computed on, in [0, 1 + w]). When every row has the same value the normalized value is 0 for
 * all (no row is better on that axis), which keeps the ranking defined.
 */
public final class Fitness {
    /** The published throughput weight. */
    public static final double DEFAULT_WEIGHT = 0.3;

    private Fitness() {}

    /** Fitness of each row (same order) with the given throughput weight. */
    public static double[] compute(List<ProbeRow> rows, double weight) {
        double[] acc = normalized(rows.stream().mapToDouble(ProbeRow::accuracyMean).toArray());
        double[] thr = normalized(rows.stream().mapToDouble(ProbeRow::throughput).toArray());
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = acc[i] + weight * thr[i];
        }
        return out;
    }

    /** The rows with their fitness set (same order). */
    public static List<ProbeRow> apply(List<ProbeRow> rows, double weight) {
        double[] f = compute(rows, weight);
        List<ProbeRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < f.length; i++) {
            out.add(rows.get(i).withFitness(f[i]));
        }
        return out;
    }

    /** Min-max scaling to [0, 1]; non-finite inputs stay NaN and are ignored for min and max. */
    static double[] normalized(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                out[i] = Double.NaN;
            } else {
                out[i] = max > min ? (values[i] - min) / (max - min) : 0;
            }
        }
        return out;
    }
}
