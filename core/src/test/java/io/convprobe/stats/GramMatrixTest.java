package io.convprobe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GramMatrixTest {

    @Test
    void centredGramEqualsTheNaiveProductForAwkwardSizes() {
        Random rnd = new Random(1);
        // n odd / not a multiple of the 2x4 tile; d below, at and across the feature block size.
        for (int[] nd : new int[][] {{1, 3}, {7, 5}, {9, GramMatrix.BLOCK}, {10, 2 * GramMatrix.BLOCK + 37}}) {
            int n = nd[0];
            int d = nd[1];
            float[] x = random(rnd, n * d);
            double[] mean = GramMatrix.columnMeans(x, n, d);
            double[] k = GramMatrix.centredGram(x, n, d, mean);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double expected = 0;
                    for (int f = 0; f < d; f++) {
                        expected += (x[i * d + f] - mean[f]) * (x[j * d + f] - mean[f]);
                    }
                    assertThat(k[i * n + j]).as("n=%d d=%d K[%d][%d]", n, d, i, j)
                            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(expected))));
                }
            }
        }
    }

    @Test
    void centredRowsSumToZeroSoGramRowsDo() {
        Random rnd = new Random(2);
        int n = 13;
        int d = 400;
        float[] x = random(rnd, n * d);
        for (int i = 0; i < x.length; i++) {
            x[i] += 50f; // large common offset: explicit centring must still cancel it
        }
        double[] k = GramMatrix.centredGram(x, n, d, GramMatrix.columnMeans(x, n, d));
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            for (int j = 0; j < n; j++) {
                rowSum += k[i * n + j];
            }
            assertThat(Math.abs(rowSum)).isLessThan(1e-9 * k[i * n + i]);
        }
    }

    @Test
    void crossGramOfTheTrainingSetIsTheGram() {
        Random rnd = new Random(3);
        int n = 11;
        int d = 300;
        float[] x = random(rnd, n * d);
        double[] mean = GramMatrix.columnMeans(x, n, d);
        double[] k = GramMatrix.centredGram(x, n, d, mean);
        double[] c = GramMatrix.centredCrossGram(x, n, x, n, d, mean);
        for (int i = 0; i < k.length; i++) {
            assertThat(c[i]).isCloseTo(k[i], org.assertj.core.data.Offset.offset(1e-10 * Math.max(1, Math.abs(k[i]))));
        }
    }

    @Test
    void columnMeansAreMeans() {
        float[] x = {1, 10, 3, 20, 5, 60};
        assertThat(GramMatrix.columnMeans(x, 3, 2)).containsExactly(3.0, 30.0);
        assertThatThrownBy(() -> GramMatrix.columnMeans(x, 4, 2)).hasMessageContaining("expected 4x2");
    }

    private static float[] random(Random rnd, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }
}
