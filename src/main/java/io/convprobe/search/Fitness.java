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

    /** The same architectures, in the same order, with fitness set on the full ones. */
    public static List<ArchAggregate> score(List<ArchAggregate> archs, double throughputWeight) {
        double minA = Double.POSITIVE_INFINITY;
        double maxA = Double.NEGATIVE_INFINITY;
        double minT = Double.POSITIVE_INFINITY;
        double maxT = Double.NEGATIVE_INFINITY;
        for (ArchAggregate a : archs) {
            if (a.status() == ArchStatus.FULL) {
                minA = Math.min(minA, a.accuracy());
                maxA = Math.max(maxA, a.accuracy());
                minT = Math.min(minT, a.throughput());
                maxT = Math.max(maxT, a.throughput());
            }
        }
        List<ArchAggregate> out = new ArrayList<>(archs.size());
        for (ArchAggregate a : archs) {
            out.add(a.status() == ArchStatus.FULL
                    ? a.withFitness(norm(a.accuracy(), minA, maxA) + throughputWeight * norm(a.throughput(), minT, maxT))
                    : a.withFitness(Double.NaN));
        }
        return out;
    }

    private static double norm(double v, double min, double max) {
        return max > min ? (v - min) / (max - min) : 0.0;
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
