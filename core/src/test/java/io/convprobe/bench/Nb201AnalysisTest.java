package io.convprobe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Nb201AnalysisTest {
    @Test
    void rankAverageRanksUndefinedLastAsNaslibDoes() {
        double[] a = {3, Double.NaN, 1, 2};
        double[] b = {1, 2, -1e8, 4}; // NASLib's −1e8 marks a failed score
        double[] r = Nb201Analysis.rankAverage(List.of(a, b));
        // a ranks: 4, 1, 2, 3; b ranks: 2, 3, 1, 4
        assertThat(r).containsExactly(3.0, 2.0, 1.5, 3.5);
    }

    @Test
    void splitHalvesOfAPerfectScoreArePerfectAndOfNoiseNear0() {
        int n = 200;
        double[] y = new double[n];
        double[] noise = new double[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            y[i] = i;
            noise[i] = rng.nextDouble();
        }
        assertThat(Nb201Analysis.splitHalves(y, y, 50, 3)).containsExactly(1.0, 1.0);
        double[] h = Nb201Analysis.splitHalves(noise, y, 50, 3);
        assertThat(h[0]).isBetween(-0.2, 0.2);
        assertThat(h[1]).isLessThan(h[0]);
    }
}
