package io.convprobe.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedNoiseTest {
    private static final double NAN = Double.NaN;

    @Test
    void theCeilingIsTheRootOfTheSpearmanBrownReliabilityOfTheMean() {
        // ρ_ss 0.5 with 2 seeds: reliability 2·0.5/1.5 = 2/3, ceiling √(2/3)
        assertThat(SeedNoise.ceiling(0.5, 2)).isCloseTo(Math.sqrt(2.0 / 3), within(1e-15));
        // the CIFAR-10 numbers: ρ_ss 0.515, two seeds: √(1.03 / 1.515) = 0.8245; one seed → √0.515, above ρ_ss itself
        assertThat(SeedNoise.ceiling(0.515, 2)).isCloseTo(0.8245, within(1e-4));
        assertThat(SeedNoise.ceiling(0.515, 1)).isCloseTo(Math.sqrt(0.515), within(1e-15)).isGreaterThan(0.515);
        assertThat(SeedNoise.ceiling(1, 3)).isEqualTo(1.0);
        assertThat(SeedNoise.ceiling(-0.2, 2)).isZero();
        assertThat(SeedNoise.ceiling(NAN, 2)).isNaN();
    }

    @Test
    void seedToSeedRhoIsTheMeanOverSeedPairsOnTheNetworksWithBoth() {
        // seeds 1 and 2 agree exactly in rank (ρ 1); seed 3 reverses seed 1 on the 4 networks it has (ρ −1
        // with both seed 1 and seed 2 over those 4): mean of the three pairs = (1 − 1 − 1) / 3
        List<double[]> acc = List.of(new double[] {50, 51, 80}, new double[] {60, 62, 70}, new double[] {70, 75, 60},
                new double[] {80, 90, 50}, new double[] {90, 91, NAN});
        assertThat(SeedNoise.pairSpearman(acc.toArray(double[][]::new))).isCloseTo(-1.0 / 3, within(1e-12));

        SeedNoise n = SeedNoise.of(acc, 0, 200);
        assertThat(n.networks()).isEqualTo(5);
        assertThat(n.seeds()).isEqualTo(3);
        // harmonic mean of 3, 3, 3, 3, 2 seeds
        assertThat(n.effectiveSeeds()).isCloseTo(5 / (4 / 3.0 + 1 / 2.0), within(1e-12));
        assertThat(n.seedSpearman()).isCloseTo(-1.0 / 3, within(1e-12));
        assertThat(n.ceiling()).isZero();
        // |Δ| over the 4·3 + 1 seed pairs that exist
        double d = (1 + 30 + 29) + (2 + 10 + 8) + (5 + 10 + 15) + (10 + 30 + 40) + 1;
        assertThat(n.meanAbsDelta()).isCloseTo(d / 13, within(1e-12));
        // spread of the seeds' means: max 90.5 (last network), min 60.33 (first)
        assertThat(n.spread()).isCloseTo(90.5 - (50 + 51 + 80) / 3.0, within(1e-12));
    }

    @Test
    void twoNoisySeedsGiveTheirRhoItsIntervalAndTheCeiling() {
        List<double[]> acc = new ArrayList<>();
        double[] a = {70, 72, 74, 76, 78, 80, 82, 84};
        double[] b = {73, 71, 74, 79, 77, 84, 80, 83};
        for (int i = 0; i < a.length; i++) {
            acc.add(new double[] {a[i], b[i]});
        }
        acc.add(new double[] {75, NAN}); // one seed only: in the harmonic mean, not in the seed-to-seed ρ
        SeedNoise n = SeedNoise.of(acc, 1, 500);
        double rho = io.convprobe.stats.RankCorrelation.spearman(a, b);
        assertThat(n.seedSpearman()).isEqualTo(rho);
        assertThat(n.networks()).isEqualTo(8);
        double k = 9 / (8 / 2.0 + 1);
        assertThat(n.ceiling()).isCloseTo(Math.sqrt(k * rho / (1 + (k - 1) * rho)), within(1e-12));
        assertThat(n.seedSpearmanCi().lo()).isLessThan(rho);
        assertThat(n.seedSpearmanCi().hi()).isGreaterThanOrEqualTo(rho);
        assertThat(n.ceilingCi().hi()).isEqualTo(SeedNoise.ceiling(n.seedSpearmanCi().hi(), k));

        SeedNoise scored = n.withScores(List.of(VerdictTest.m("naswot", 0.6, 0.4, 0.8)));
        assertThat(scored.ofCeiling().get("naswot")).isCloseTo(0.6 / n.ceiling(), within(1e-12));
    }

    @Test
    void fewerThanThreeNetworksWithTwoSeedsMeasureNothing() {
        assertThat(SeedNoise.of(List.of(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, NAN}), 0, 100))
                .isNull();
        assertThat(SeedNoise.mean(new double[] {70, NAN, 80})).isEqualTo(75.0);
    }
}
