package io.convprobe.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The screen's ranking score: {@code normalized(accuracy) + weight · normalized(throughput)}, each
 * min-max normalised over the architectures that completed all trials (the published weight is
 * 0.3). Cut, pending and failed architectures get NaN: their single trial is not comparable. When
 * every full architecture has the same value of a column, that column contributes 0.
 */
public final class Fitness {
    public static final double PUBLISHED_WEIGHT = 0.3;

    private Fitness() {}

    /**
     * The formula itself, for any rows: {@code normalized(accuracy[i]) + weight · normalized(throughput[i])},
     * min-max over the finite values given (non-finite values get NaN and are ignored for min and
     * max; a constant column contributes 0). The one implementation: the report uses it too.
     */
    public static double[] of(double[] accuracy, double[] throughput, double weight) {
        if (accuracy.length != throughput.length) {
            throw new IllegalArgumentException("accuracy and throughput differ in length");
        }
        double[] acc = normalized(accuracy);
        double[] thr = normalized(throughput);
        double[] out = new double[acc.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = acc[i] + weight * thr[i];
        }
        return out;
    }

    /** The same architectures, in the same order, with the published fitness (ridge accuracy) on the full ones. */
    public static List<ArchAggregate> score(List<ArchAggregate> archs, double throughputWeight) {
        return score(archs, throughputWeight, RankScore.RIDGE);
    }

    /**
     * The same architectures, in the same order, with fitness = normalized({@code rankBy}) +
     * weight · normalized(throughput) on the full ones ({@link RankScore} reads the score).
     */
    public static List<ArchAggregate> score(List<ArchAggregate> archs, double throughputWeight, String rankBy) {
        List<ArchAggregate> full = archs.stream().filter(a -> a.status() == ArchStatus.FULL).toList();
        double[] f = of(full.stream().mapToDouble(a -> RankScore.of(a, rankBy)).toArray(),
                full.stream().mapToDouble(ArchAggregate::throughput).toArray(), throughputWeight);
        List<ArchAggregate> out = new ArrayList<>(archs.size());
        int k = 0; // full architectures keep their order, so f[k] belongs to the k-th full one
        for (ArchAggregate a : archs) {
            out.add(a.withFitness(a.status() == ArchStatus.FULL ? f[k++] : Double.NaN));
        }
        return out;
    }

    /** Min-max scaling to [0, 1] over the finite values; non-finite ones stay NaN; constant → 0. */
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
            out[i] = !Double.isFinite(values[i]) ? Double.NaN : max > min ? (values[i] - min) / (max - min) : 0.0;
        }
        return out;
    }

    /** The {@code n} best full architectures by fitness; ties go to higher accuracy, then search order. */
    public static List<ArchAggregate> top(List<ArchAggregate> scored, int n) {
        return scored.stream()
                .filter(a -> a.status() == ArchStatus.FULL && !Double.isNaN(a.fitness()))
                .sorted(Comparator.comparingDouble(ArchAggregate::fitness).reversed()
                        .thenComparing(Comparator.comparingDouble(ArchAggregate::accuracy).reversed())
                        .thenComparingLong(ArchAggregate::id))
                .limit(n)
                .toList();
    }
}
