package io.convprobe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
    private static final Offset<Double> EXACT = Offset.offset(1e-12);

    @Test
    void matchesScipyWithAndWithoutTies() {
        Npz z = Npz.resource("rank_correlation.npz");
        for (String pair : new String[] {"ab", "ce", "ac"}) {
            double[] p = z.get(pair.substring(0, 1)).values();
            double[] q = z.get(pair.substring(1)).values();
            assertThat(RankCorrelation.spearman(p, q)).as("spearman " + pair)
                    .isCloseTo(z.get("spearman_" + pair).scalar(), EXACT);
            assertThat(RankCorrelation.kendallTauB(p, q)).as("kendall " + pair)
                    .isCloseTo(z.get("kendall_" + pair).scalar(), EXACT);
        }
    }

    @Test
    void kendallEqualsTheQuadraticDefinitionOnTiedData() {
        Random rnd = new Random(9);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rnd.nextInt(60);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextInt(6);
                y[i] = x[i] * (trial % 3 - 1) + rnd.nextInt(4);
            }
            double expected = bruteTauB(x, y);
            double actual = RankCorrelation.kendallTauB(x, y);
            if (Double.isNaN(expected)) {
                assertThat(actual).isNaN();
            } else {
                assertThat(actual).as("trial %d", trial).isCloseTo(expected, EXACT);
            }
        }
    }

    @Test
    void monotoneOrderGivesPlusOrMinusOne() {
        double[] x = {1, 2, 3, 4, 5};
        double[] up = {10, 20, 25, 100, 1000};
        double[] down = {5, 4, 3, 2, -7};
        assertThat(RankCorrelation.spearman(x, up)).isCloseTo(1.0, EXACT);
        assertThat(RankCorrelation.kendallTauB(x, up)).isCloseTo(1.0, EXACT);
        assertThat(RankCorrelation.spearman(x, down)).isCloseTo(-1.0, EXACT);
        assertThat(RankCorrelation.kendallTauB(x, down)).isCloseTo(-1.0, EXACT);
    }

    @Test
    void averageRanksForTies() {
        assertThat(RankCorrelation.averageRanks(new double[] {10, 20, 10, 30, 20, 10}))
                .containsExactly(2, 4.5, 2, 6, 4.5, 2);
    }

    @Test
    void constantOrNaNInputGivesNaNAndBadLengthsThrow() {
        assertThat(RankCorrelation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
        assertThat(RankCorrelation.kendallTauB(new double[] {1, 2, 3}, new double[] {4, 4, 4})).isNaN();
        assertThat(RankCorrelation.spearman(new double[] {1, Double.NaN, 3}, new double[] {1, 2, 3})).isNaN();
        assertThatThrownBy(() -> RankCorrelation.kendallTauB(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RankCorrelation.spearman(new double[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double bruteTauB(double[] x, double[] y) {
        long concordant = 0;
        long discordant = 0;
        long tiedXOnly = 0;
        long tiedYOnly = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                double s = Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]);
                if (x[i] == x[j] && y[i] != y[j]) {
                    tiedXOnly++;
                } else if (y[i] == y[j] && x[i] != x[j]) {
                    tiedYOnly++;
                } else if (s > 0) {
                    concordant++;
                } else if (s < 0) {
                    discordant++;
                }
            }
        }
        double denominator = Math.sqrt((double) (concordant + discordant + tiedXOnly))
                * Math.sqrt((double) (concordant + discordant + tiedYOnly));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }
}
