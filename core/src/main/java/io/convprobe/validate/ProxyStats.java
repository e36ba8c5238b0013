package io.convprobe.validate;

import io.convprobe.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The study's statistics for one score against trained accuracy. Rank correlations are
 * {@link RankCorrelation}'s (scipy's definitions). Intervals are percentile bootstraps: {@code
 * resamples} draws of n architectures with replacement from a {@link Random} seeded with {@code
 * seed}, the same draws for every score (paired), resamples where a coefficient is undefined
 * (e.g. all ties) dropped. Architectures whose score is NaN are left out of that score's numbers.
 */
public final class ProxyStats {
    public static final int DEFAULT_RESAMPLES = 2000;
    public static final double LEVEL = 0.95;
    public static final double TOP_SHARE = 0.10;
    public static final int REGRET_K = 5;

    private ProxyStats() {}

    /**
     * @param score   the score per architecture (higher = predicted better)
     * @param trained trained accuracy per architecture (same order)
     * @param params  parameter count per architecture, the confound partialled out
     */
    public static ProxyMetrics of(String name, double[] score, double[] trained, double[] params, long seed,
            int resamples) {
        int[] keep = IntStream.range(0, score.length)
                .filter(i -> Double.isFinite(score[i]) && Double.isFinite(trained[i])).toArray();
        double[] x = pick(score, keep);
        double[] y = pick(trained, keep);
        double[] z = pick(params, keep);
        int n = keep.length;
        if (n < 3) {
            return new ProxyMetrics(name, n, Double.NaN, Interval.UNKNOWN, Double.NaN, Interval.UNKNOWN, 0, Double.NaN,
                    0, Double.NaN, Double.NaN);
        }
        double rho = RankCorrelation.spearman(x, y);
        double tau = RankCorrelation.kendallTauB(x, y);
        double[][] boot = bootstrap(x, y, seed, resamples);
        int k = topK(n);
        int r = Math.min(REGRET_K, n);
        return new ProxyMetrics(name, n, rho, Interval.percentile(boot[0], LEVEL), tau,
                Interval.percentile(boot[1], LEVEL), k, topPrecision(x, y, k), r, regret(x, y, r),
                RankCorrelation.partialSpearman(x, y, z));
    }

    /** ⌈10 % of n⌉, at least 1. */
    public static int topK(int n) {
        return Math.max(1, (int) Math.ceil(TOP_SHARE * n - 1e-9));
    }

    /** Bootstrap distributions {ρ[], τ[]} of (x, y) pairs. */
    static double[][] bootstrap(double[] x, double[] y, long seed, int resamples) {
        Random rnd = new Random(seed);
        int n = x.length;
        double[] rho = new double[resamples];
        double[] tau = new double[resamples];
        double[] bx = new double[n];
        double[] by = new double[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                int j = rnd.nextInt(n);
                bx[i] = x[j];
                by[i] = y[j];
            }
            rho[b] = RankCorrelation.spearman(bx, by);
            tau[b] = RankCorrelation.kendallTauB(bx, by);
        }
        return new double[][] {rho, tau};
    }

    /** |score's top k ∩ trained top k| / k; ties broken by position (earlier first). */
    public static double topPrecision(double[] score, double[] trained, int k) {
        Set<Integer> a = new HashSet<>(best(score, k));
        long hit = best(trained, k).stream().filter(a::contains).count();
        return (double) hit / k;
    }

    /** max(trained) − max(trained over the score's best k). */
    public static double regret(double[] score, double[] trained, int k) {
        double best = Arrays.stream(trained).max().orElseThrow();
        double got = best(score, k).stream().mapToDouble(i -> trained[i]).max().orElseThrow();
        return best - got;
    }

    /** Indices of the k largest values, descending; ties by index. */
    static List<Integer> best(double[] v, int k) {
        List<Integer> idx = new ArrayList<>(IntStream.range(0, v.length).boxed().toList());
        idx.sort(Comparator.<Integer>comparingDouble(i -> -v[i]).thenComparingInt(i -> i));
        return idx.subList(0, Math.min(k, idx.size()));
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }
}
