package io.convprobe.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The combined score against scikit-learn 1.2: {@code Ridge(alpha=1.0).fit(X, (rankdata(acc) - 1) /
 * (n - 1))}, and the same refitted without each row for leave-one-out (Debian's python3, these arrays).
 */
class CombinedScoreTest {
    static final double[][] X = {{0.1, 0.9, 0.5}, {0.4, 0.2, 0.3}, {0.8, 0.6, 0.1}, {0.3, 0.3, 0.9}, {0.9, 0.1, 0.7},
        {0.5, 0.5, 0.5}, {0.2, 0.8, 0.2}};
    static final double[] ACC = {70, 62, 81, 66, 77, 72, 64};
    static final List<String> INPUTS = List.of("a", "b", "c");

    @Test
    void fitIsSklearnRidgeOnRankTargets() {
        CombinedScore m = CombinedScore.fit(INPUTS, X, ACC, 1.0);
        assertThat(m.weights()).containsExactly(new double[] {0.3174776747572455, 0.06677838574750554,
            0.01550415672989055}, within(1e-12));
        assertThat(m.intercept()).isCloseTo(0.3153445182428065, within(1e-12));
    }

    @Test
    void leaveOneOutRefitsWithoutEachRow() {
        double[] loo = CombinedScore.leaveOneOut(INPUTS, X, ACC, 1.0);
        assertThat(loo).containsExactly(new double[] {0.39079239673961347, 0.5211959299100688, 0.5189556057247013,
            0.45066040081156733, 0.5492420431879281, 0.516500623071252, 0.47461870416296936}, within(1e-12));
    }

    @Test
    void percentilesRankThePopulationAndLeaveMissingValuesOut() {
        double[] p = CombinedScore.percentiles(new double[] {5, Double.NaN, 1, 3, 3});
        assertThat(p[0]).isEqualTo(1.0);
        assertThat(p[1]).isNaN();
        assertThat(p[2]).isEqualTo(0.0);
        assertThat(p[3]).isEqualTo(0.5); // tied: average rank 2.5 of 4 → (2.5 − 1) / 3
        assertThat(p[4]).isEqualTo(0.5);
    }
}
