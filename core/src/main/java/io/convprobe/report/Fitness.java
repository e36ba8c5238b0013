package io.convprobe.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The published fitness on report rows: {@code normalized(score) + w · normalized(throughput)} (score = probe accuracy unless ranked by another),
 * min-max over the given rows; the formula itself is {@link io.convprobe.search.Fitness#of}, so the
 * report and the search rank identically.
 */
public final class Fitness {
    /** The published throughput weight. */
    public static final double DEFAULT_WEIGHT = io.convprobe.search.Fitness.PUBLISHED_WEIGHT;

    private Fitness() {}

    /** Fitness of each row (same order) with the given throughput weight. */
    public static double[] compute(List<ProbeRow> rows, double weight) {
        return io.convprobe.search.Fitness.of(rows.stream().mapToDouble(ProbeRow::score).toArray(),
                rows.stream().mapToDouble(ProbeRow::throughput).toArray(), weight);
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
}
