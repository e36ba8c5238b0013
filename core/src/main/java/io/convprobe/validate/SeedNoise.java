package io.convprobe.validate;

import io.convprobe.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How noisy a study's truth is, from networks trained with more than one seed ({@code validate
 * --seeds K}), and the best ρ any score can reach against it.
 *
 * <p>Seed-to-seed ρ = the Spearman ρ between two seeds' accuracies over the networks that finished
 * both, averaged over seed pairs; its interval is the percentile bootstrap over those networks. The
 * truth a score is measured against is each network's mean over its finished seeds. Its reliability
 * (Spearman–Brown) is r_K = K·ρ_ss / (1 + (K−1)·ρ_ss): averaging K seeds shrinks the seed noise K
 * times. A score's correlation with that mean is bounded by √r_K, the correlation of the mean with
 * the noise-free accuracy, and not by ρ_ss: ρ_ss correlates two noisy copies with each other (noise
 * on both sides), while a score has no seed noise of its own, so a perfect score reaches √ρ_ss
 * against one seed — more than ρ_ss. When networks have different numbers of seeds, K is their
 * harmonic mean (the mean's noise variance is σ²·mean(1/k)).
 *
 * @param seeds          the most seeds any network has
 * @param networks       networks with at least two finished seeds (those the seed-to-seed numbers use)
 * @param effectiveSeeds K of the ceiling: the harmonic mean of the finished seeds of all trained networks
 * @param seedSpearman   seed-to-seed Spearman ρ, mean over seed pairs
 * @param seedSpearmanCi its bootstrap 95 % interval
 * @param meanAbsDelta   mean |accuracy difference| between two seeds of a network, points
 * @param spread         max − min of the seeds' mean accuracy over those networks, points
 * @param ceiling        √(Spearman–Brown reliability of the K-seed mean): the best ρ a score can reach
 * @param ceilingCi      the ceiling at the ends of the seed-to-seed interval
 * @param ofCeiling      each score's ρ against the seeds' mean as a fraction of the ceiling
 */
public record SeedNoise(int seeds, int networks, double effectiveSeeds, double seedSpearman, Interval seedSpearmanCi,
        double meanAbsDelta, double spread, double ceiling, Interval ceilingCi, Map<String, Double> ofCeiling) {
    /** Fewer networks with two seeds than this: no noise analysis. */
    public static final int MIN_NETWORKS = 3;

    public SeedNoise {
        ofCeiling = ofCeiling == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ofCeiling));
    }

    /**
     * √(K·ρ / (1 + (K−1)·ρ)), the ceiling of a correlation with the mean of K seeds whose pairwise
     * correlation is ρ; 0 when ρ ≤ 0 (no reproducible signal to predict), NaN when ρ is.
     */
    public static double ceiling(double rho, double k) {
        if (Double.isNaN(rho)) {
            return Double.NaN;
        }
        return rho <= 0 ? 0 : Math.sqrt(k * rho / (1 + (k - 1) * rho));
    }

    /** A network's truth: the mean of its finished (finite) seed accuracies. */
    public static double mean(double[] seedAccuracies) {
        return Arrays.stream(seedAccuracies).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /**
     * The noise of a study from each trained network's accuracy per seed (NaN = not trained with that
     * seed); null when fewer than {@link #MIN_NETWORKS} networks have two finished seeds.
     */
    public static SeedNoise of(List<double[]> seedAccuracies, long seed, int resamples) {
        List<double[]> multi = seedAccuracies.stream().filter(a -> finite(a) >= 2).toList();
        if (multi.size() < MIN_NETWORKS) {
            return null;
        }
        int seeds = multi.stream().mapToInt(SeedNoise::finite).max().orElseThrow();
        double inverse = seedAccuracies.stream().mapToDouble(a -> 1.0 / Math.max(1, finite(a))).average().orElseThrow();
        double k = 1 / inverse;
        double[][] rows = multi.toArray(double[][]::new);
        double rho = pairSpearman(rows);
        Random rnd = new Random(seed);
        double[] boot = new double[resamples];
        double[][] b = new double[rows.length][];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < rows.length; i++) {
                b[i] = rows[rnd.nextInt(rows.length)];
            }
            boot[r] = pairSpearman(b);
        }
        Interval ci = Interval.percentile(boot, ProxyStats.LEVEL);
        double deltas = 0;
        int pairs = 0;
        for (double[] a : rows) {
            for (int s = 0; s < a.length; s++) {
                for (int t = s + 1; t < a.length; t++) {
                    if (Double.isFinite(a[s]) && Double.isFinite(a[t])) {
                        deltas += Math.abs(a[s] - a[t]);
                        pairs++;
                    }
                }
            }
        }
        double[] means = multi.stream().mapToDouble(SeedNoise::mean).toArray();
        double spread = Arrays.stream(means).max().orElseThrow() - Arrays.stream(means).min().orElseThrow();
        return new SeedNoise(seeds, rows.length, k, rho, ci, deltas / pairs, spread, ceiling(rho, k),
                ci.known() ? new Interval(ceiling(ci.lo(), k), ceiling(ci.hi(), k)) : Interval.UNKNOWN, Map.of());
    }

    /** The same noise with every score's ρ as a fraction of the ceiling. */
    public SeedNoise withScores(List<ProxyMetrics> rows) {
        Map<String, Double> f = new LinkedHashMap<>();
        for (ProxyMetrics m : rows) {
            f.put(m.proxy(), ceiling > 0 ? m.spearman() / ceiling : Double.NaN);
        }
        return new SeedNoise(seeds, networks, effectiveSeeds, seedSpearman, seedSpearmanCi, meanAbsDelta, spread, ceiling,
                ceilingCi, f);
    }

    /** Whether a score's ρ interval reaches the ceiling: it ranks as well as this truth can tell. */
    public boolean atCeiling(ProxyMetrics m) {
        return m.spearmanCi().known() && Double.isFinite(ceiling) && m.spearmanCi().hi() >= ceiling;
    }

    /**
     * Spearman ρ between every two seeds over the networks with both (a pair with fewer than 3 is
     * left out), averaged over the pairs; NaN when no pair has a defined ρ.
     */
    static double pairSpearman(double[][] rows) {
        int width = Arrays.stream(rows).mapToInt(a -> a.length).max().orElse(0);
        double sum = 0;
        int n = 0;
        for (int s = 0; s < width; s++) {
            for (int t = s + 1; t < width; t++) {
                List<double[]> both = new ArrayList<>();
                for (double[] a : rows) {
                    if (a.length > t && Double.isFinite(a[s]) && Double.isFinite(a[t])) {
                        both.add(new double[] {a[s], a[t]});
                    }
                }
                if (both.size() < MIN_NETWORKS) {
                    continue;
                }
                double rho = RankCorrelation.spearman(both.stream().mapToDouble(p -> p[0]).toArray(),
                        both.stream().mapToDouble(p -> p[1]).toArray());
                if (Double.isFinite(rho)) {
                    sum += rho;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int finite(double[] a) {
        return (int) Arrays.stream(a).filter(Double::isFinite).count();
    }
}
