package io.convprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RidgeScorerTest {
    /** Engine Gram matrices + kernel solve give the JVM RidgeClassifier's decisions, primal (d < n) and dual. */
    @ParameterizedTest
    @ValueSource(ints = {7, 90})
    void engineGramDecisionsEqualTheJvmRidgeClassifier(int d) {
        int n = 50;
        int m = 30;
        SplittableRandom rng = new SplittableRandom(d);
        float[] x = random(rng, n * d);
        float[] z = random(rng, m * d);
        int[] y = new int[n];
        int[] yt = new int[m];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(4);
        }
        for (int i = 0; i < m; i++) {
            yt[i] = rng.nextInt(4);
        }
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray xa = mgr.create(x, new ai.djl.ndarray.types.Shape(n, d));
            NDArray za = mgr.create(z, new ai.djl.ndarray.types.Shape(m, d));
            RidgeScorer.Decisions dec = new RidgeScorer().decisions(xa, y, za, 4, mgr);
            assertThat(mgr.getManagedArrays()).hasSize(2);
            RidgeModel jvm = new RidgeClassifier().fit(x, n, d, y, 4);
            assertThat(jvm.form()).isEqualTo(d > n ? RidgeClassifier.Form.DUAL : RidgeClassifier.Form.PRIMAL);
            assertThat(dec.test()).containsExactly(jvm.decisionFunction(z, m), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(dec.train()).containsExactly(jvm.decisionFunction(x, n), org.assertj.core.data.Offset.offset(1e-9));
            RidgeScorer.Score s = new RidgeScorer().score(xa, y, za, yt, 4, mgr);
            assertThat(s.testAccuracy()).isEqualTo(jvm.accuracyPercent(z, m, yt));
            assertThat(s.trainAccuracy()).isEqualTo(jvm.accuracyPercent(x, n, y));
            assertThat(mgr.getManagedArrays()).hasSize(2);
        }
    }

    private static float[] random(SplittableRandom rng, int len) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = (float) rng.nextDouble(0, 3);
        }
        return v;
    }
}
