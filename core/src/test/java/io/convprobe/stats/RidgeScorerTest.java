package io.convprobe.stats;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RidgeScorerTest {
    /**
     * Engine Gram (float32) + kernel solve give the JVM RidgeClassifier's decisions, primal (d < n) and
     * dual, with the Gram matrix in one product (n < 128) and from row halves (n = 201: odd halves).
     */
    @ParameterizedTest
    @CsvSource({"50, 7", "50, 90", "201, 350"})
    void engineGramDecisionsEqualTheJvmRidgeClassifier(int n, int d) {
        int m = 30;
        assertThat(n < RidgeScorer.SPLIT_GRAM_ROWS).isEqualTo(n == 50);
        Problem p = Problem.random(n, d, m, d);
        float[] x = p.x();
        float[] z = p.z();
        int[] y = p.y();
        int[] yt = p.yt();
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray xa = mgr.create(x, new ai.djl.ndarray.types.Shape(n, d));
            NDArray za = mgr.create(z, new ai.djl.ndarray.types.Shape(m, d));
            RidgeScorer.Decisions dec = new RidgeScorer().decisions(xa, y, za, 4, mgr);
            assertThat(mgr.getManagedArrays()).hasSize(2);
            RidgeModel jvm = new RidgeClassifier().fit(x, n, d, y, 4);
            assertThat(jvm.form()).isEqualTo(d > n ? RidgeClassifier.Form.DUAL : RidgeClassifier.Form.PRIMAL);
            // float32 products on the engine (as sklearn on float32 features): within 1e-4 of the largest value
            double[] jt = jvm.decisionFunction(z, m);
            double[] jx = jvm.decisionFunction(x, n);
            double scale = java.util.Arrays.stream(jt).map(Math::abs).max().orElse(1);
            assertThat(dec.test()).containsExactly(jt, org.assertj.core.data.Offset.offset(1e-4 * scale));
            assertThat(dec.train()).containsExactly(jx, org.assertj.core.data.Offset.offset(1e-4 * scale));
            RidgeScorer.Score s = new RidgeScorer().score(xa, y, za, yt, 4, mgr);
            assertThat(s.testAccuracy()).isEqualTo(jvm.accuracyPercent(z, m, yt));
            assertThat(s.trainAccuracy()).isEqualTo(jvm.accuracyPercent(x, n, y));
            assertThat(mgr.getManagedArrays()).hasSize(2);
        }
    }

    /** The engine path against scikit-learn's own float32 run (the fixture tools/make_ridge_fixtures.py wrote). */
    @org.junit.jupiter.api.Test
    void engineScorerMatchesSklearnFloat32Fixture() {
        Npz z = Npz.resource("ridge_float32.npz");
        Npz.Array x = z.get("x");
        Npz.Array xt = z.get("x_test");
        int n = x.shape()[0];
        int d = x.shape()[1];
        int m = xt.shape()[0];
        try (NDManager mgr = NDManager.newBaseManager()) {
            RidgeScorer.Decisions dec = new RidgeScorer().decisions(
                    mgr.create(x.floats(), new ai.djl.ndarray.types.Shape(n, d)), z.get("y").ints(),
                    mgr.create(xt.floats(), new ai.djl.ndarray.types.Shape(m, d)), 10, mgr);
            double[] sk32 = z.get("decision_test").values();
            double[] sk64 = z.get("decision_test_f64").values();
            double sklearnRounding = RidgeClassifierTest.relativeError(sk32, sk64);
            assertThat(RidgeClassifierTest.relativeError(dec.test(), sk32)).isLessThan(Math.max(1e-4, 2 * sklearnRounding));
            assertThat(dec.model().targets().decode(dec.test(), m)).containsExactly(z.get("predict_test").ints());
        }
    }

    /**
     * Centring in place ({@link RidgeScorer#scoreConsuming}, what the sweep and the one-at-a-time probe
     * call) gives the copying path's decisions bit for bit and leaves X − μ in the train features;
     * the copying path leaves them alone.
     */
    @org.junit.jupiter.api.Test
    void centringInPlaceGivesTheSameDecisionsAndLeavesTheTrainFeaturesCentred() {
        int n = 201;
        int d = 350;
        int m = 30;
        Problem p = Problem.random(n, d, m, 7);
        float[] x = p.x();
        int[] y = p.y();
        try (NDManager mgr = NDManager.newBaseManager()) {
            NDArray xa = mgr.create(x, new ai.djl.ndarray.types.Shape(n, d));
            NDArray za = mgr.create(p.z(), new ai.djl.ndarray.types.Shape(m, d));
            int[] yt = p.yt();
            RidgeScorer scorer = new RidgeScorer();
            RidgeScorer.Decisions copying = scorer.decisions(xa, y, za, 4, mgr);
            RidgeScorer.Score copyingScore = scorer.score(xa, y, za, yt, 4, mgr);
            assertThat(xa.toFloatArray()).containsExactly(x);
            NDArray expected = xa.sub(xa.mean(new int[] {0}, true));
            RidgeScorer.Decisions inPlace = scorer.decisions(xa, y, za, 4, mgr, true);
            assertThat(inPlace.test()).containsExactly(copying.test());
            assertThat(inPlace.train()).containsExactly(copying.train());
            assertThat(xa.toFloatArray()).containsExactly(expected.toFloatArray()).isNotEqualTo(x);
            NDArray fresh = mgr.create(x, new ai.djl.ndarray.types.Shape(n, d));
            RidgeScorer.Score consuming = scorer.scoreConsuming(fresh, y, za, yt, 4, mgr);
            assertThat(consuming.testAccuracy()).isEqualTo(copyingScore.testAccuracy());
            assertThat(consuming.trainAccuracy()).isEqualTo(copyingScore.trainAccuracy());
            assertThat(za.toFloatArray()).containsExactly(p.z());
        }
    }

    /** n train and m test samples of d features in [0, 3), labels of 4 classes, from {@code seed}. */
    private record Problem(float[] x, float[] z, int[] y, int[] yt) {
        static Problem random(int n, int d, int m, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            float[] x = RidgeScorerTest.random(rng, n * d);
            float[] z = RidgeScorerTest.random(rng, m * d);
            return new Problem(x, z, rng.ints(n, 0, 4).toArray(), rng.ints(m, 0, 4).toArray());
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
