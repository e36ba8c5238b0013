package io.convprobe.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.convprobe.stats.RankCorrelation;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Expected values from scipy 1.10 / numpy 1.24 (Debian's python3), computed on exactly these
 * arrays: partial ρ as the correlation of rank residuals after regressing on z's ranks (the
 * textbook definition, checked equal to the closed form), percentiles with numpy's default.
 */
class ProxyStatsTest {
    static final double[] X = {3.1, 0.5, 2.2, 4.8, 1.9, 3.3, 0.7, 2.9, 4.1, 1.2};
    static final double[] Y = {71.2, 60.1, 66.0, 80.3, 64.2, 75.5, 58.0, 70.1, 77.7, 61.9};
    static final double[] Z = {1200, 300, 2500, 800, 700, 500, 250, 900, 2400, 2100};

    @Test
    void partialSpearmanMatchesTheResidualDefinition() {
        assertThat(RankCorrelation.partialSpearman(X, Y, Z)).isCloseTo(0.9858331540745797, within(1e-12));
        // controlling for the score itself leaves nothing to explain
        assertThat(RankCorrelation.partialSpearman(Z, Y, Z)).isNaN();
    }

    @Test
    void percentileIntervalIsNumpysLinearQuantile() {
        double[] v = {0.3, -0.2, 0.9, 0.5, 0.1, 0.75, 0.6, 0.05, -0.4, 0.8, 0.33, 0.2};
        Interval ci = Interval.percentile(v, 0.95);
        assertThat(ci.lo()).isCloseTo(-0.34500000000000003, within(1e-12));
        assertThat(ci.hi()).isCloseTo(0.8724999999999999, within(1e-12));
        assertThat(Interval.percentile(new double[] {1, 2, Double.NaN}, 0.95).known()).isFalse();
    }

    @Test
    void topPrecisionAndRegretByHand() {
        double[] score = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        double[] trained = {50, 90, 60, 70, 95, 40, 30, 20, 10, 80};
        // k=1: the score's best (index 0) is not the trained best (index 4)
        assertThat(ProxyStats.topPrecision(score, trained, 1)).isEqualTo(0.0);
        // k=3: score's {0,1,2} vs trained {4,1,9} share index 1
        assertThat(ProxyStats.topPrecision(score, trained, 3)).isCloseTo(1 / 3.0, within(1e-12));
        // top 5 by score = indices 0..4, which contain the best (95): no regret; top 2 best is 90
        assertThat(ProxyStats.regret(score, trained, 5)).isEqualTo(0.0);
        assertThat(ProxyStats.regret(score, trained, 2)).isEqualTo(5.0);
        assertThat(ProxyStats.topK(60)).isEqualTo(6);
        assertThat(ProxyStats.topK(61)).isEqualTo(7);
        assertThat(ProxyStats.topK(5)).isEqualTo(1);
    }

    @Test
    void metricsAreSeededAndTheIntervalHoldsTheEstimate() {
        Random rnd = new Random(3);
        int n = 60;
        double[] s = new double[n];
        double[] t = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextGaussian();
            t[i] = 70 + 3 * s[i] + 3 * rnd.nextGaussian();
            p[i] = 1000 + rnd.nextInt(10_000);
        }
        ProxyMetrics a = ProxyStats.of("x", s, t, p, 7, 500);
        ProxyMetrics b = ProxyStats.of("x", s, t, p, 7, 500);
        assertThat(a).isEqualTo(b);
        assertThat(a.spearman()).isEqualTo(RankCorrelation.spearman(s, t));
        assertThat(a.kendall()).isEqualTo(RankCorrelation.kendallTauB(s, t));
        assertThat(a.spearmanCi().lo()).isLessThan(a.spearman());
        assertThat(a.spearmanCi().hi()).isGreaterThan(a.spearman());
        assertThat(a.kendallCi().lo()).isLessThan(a.kendall());
        // a correlated score: the interval excludes 0 and is far narrower than [-1, 1]
        assertThat(a.spearmanCi().lo()).isGreaterThan(0.3);
        assertThat(a.spearmanCi().hi() - a.spearmanCi().lo()).isLessThan(0.5);
        assertThat(a.n()).isEqualTo(n);
        assertThat(a.topK()).isEqualTo(6);
        assertThat(ProxyStats.of("x", s, t, p, 8, 500).spearmanCi()).isNotEqualTo(a.spearmanCi());
    }

    @Test
    void nanScoresAreLeftOutOfThatScoresNumbers() {
        double[] s = X.clone();
        s[0] = Double.NaN;
        ProxyMetrics m = ProxyStats.of("x", s, Y, Z, 0, 200);
        assertThat(m.n()).isEqualTo(X.length - 1);
        double[] x9 = java.util.Arrays.copyOfRange(X, 1, X.length);
        double[] y9 = java.util.Arrays.copyOfRange(Y, 1, Y.length);
        assertThat(m.spearman()).isEqualTo(RankCorrelation.spearman(x9, y9));
    }
}
