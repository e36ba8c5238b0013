package io.convprobe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RidgeRegressionTest {
    @Test
    void recoversALinearRelationWhenAlphaIsSmallAndShrinksWhenLarge() {
        double[][] x = {{0, 1}, {1, 0}, {2, 1}, {3, 5}, {4, 2}};
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
            y[i] = 1.5 + 2 * x[i][0] - 0.5 * x[i][1];
        }
        RidgeRegression r = RidgeRegression.fit(x, y, 1e-9);
        assertThat(r.weights()[0]).isCloseTo(2, within(1e-6));
        assertThat(r.weights()[1]).isCloseTo(-0.5, within(1e-6));
        assertThat(r.intercept()).isCloseTo(1.5, within(1e-6));
        assertThat(r.predict(new double[] {10, 10})).isCloseTo(16.5, within(1e-5));
        RidgeRegression shrunk = RidgeRegression.fit(x, y, 1e6);
        assertThat(Math.abs(shrunk.weights()[0])).isLessThan(0.01);
        assertThat(shrunk.intercept()).isCloseTo(java.util.Arrays.stream(y).average().orElseThrow(), within(0.1));
    }
}
