package io.convprobe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Agreement with scikit-learn 1.2 (fixtures from tools/make_ridge_fixtures.py) plus properties that do
 * not depend on the fixtures. Decision values are compared with a tolerance relative to the largest
 * |decision value| of the sklearn matrix being compared.
 */
class RidgeClassifierTest {
    /** Both sides compute in double: only rounding differences (~1e-12) are expected. */
    private static final double DOUBLE_TOLERANCE = 1e-8;

    private final RidgeClassifier ridge = new RidgeClassifier();

    @Test
    void matchesSklearnInThePrimalForm() {
        Npz z = Npz.resource("ridge_primal.npz");
        RidgeModel model = fitFixture(z, RidgeClassifier.Form.AUTO);
        assertThat(model.form()).isEqualTo(RidgeClassifier.Form.PRIMAL);
        assertMatchesSklearn(z, model);
    }

    @Test
    void matchesSklearnInTheDualForm() {
        Npz z = Npz.resource("ridge_dual.npz");
        RidgeModel model = fitFixture(z, RidgeClassifier.Form.AUTO);
        assertThat(model.form()).isEqualTo(RidgeClassifier.Form.DUAL);
        assertMatchesSklearn(z, model);
    }

    @Test
    void matchesSklearnWithTwoClassesAsOneSignedColumn() {
        Npz z = Npz.resource("ridge_binary.npz");
        RidgeModel model = fitFixture(z, RidgeClassifier.Form.AUTO);
        assertThat(model.columns()).isEqualTo(1);
        assertThat(model.targets().classes()).containsExactly(3, 7);
        assertMatchesSklearn(z, model);
    }

    @Test
    void float32InputMatchesSklearnUpToSklearnsOwnFloat32Rounding() {
        Npz z = Npz.resource("ridge_float32.npz");
        RidgeModel model = fitFixture(z, RidgeClassifier.Form.AUTO);
        int m = z.get("x_test").shape()[0];
        double[] ours = model.decisionFunction(z.get("x_test").floats(), m);
        double[] sk32 = z.get("decision_test").values();
        double[] sk64 = z.get("decision_test_f64").values();
        // We compute in double: equal to sklearn on the same values as float64 ...
        assertThat(relativeError(ours, sk64)).isLessThan(DOUBLE_TOLERANCE);
        // ... and away from sklearn's float32 run by no more than that run's own rounding error.
        double sklearnRounding = relativeError(sk32, sk64);
        assertThat(relativeError(ours, sk32)).isLessThan(Math.max(1e-4, 2 * sklearnRounding));
        assertThat(model.predict(z.get("x_test").floats(), m))
                .containsExactly(z.get("predict_test").ints())
                .containsExactly(z.get("predict_test_f64").ints());
    }

    @Test
    void interceptMakesPredictionsInvariantToShiftingEveryFeature() {
        Random rnd = new Random(11);
        for (int d : new int[] {12, 90}) { // primal (d < n) and dual (d > n)
            int n = 40;
            int m = 15;
            float[] x = gridValues(rnd, n * d);
            float[] xt = gridValues(rnd, m * d);
            int[] labels = randomLabels(rnd, n, 4);
            float[] shift = new float[d];
            for (int f = 0; f < d; f++) {
                shift[f] = rnd.nextInt(200) - 50; // integers: x + shift is exact in float
            }
            RidgeModel plain = ridge.fit(x, n, d, labels, 4);
            RidgeModel shifted = ridge.fit(add(x, shift), n, d, labels, 4);
            double[] a = plain.decisionFunction(xt, m);
            double[] b = shifted.decisionFunction(add(xt, shift), m);
            assertThat(relativeError(b, a)).as("d=%d", d).isLessThan(1e-9);
            assertThat(shifted.predict(add(xt, shift), m)).containsExactly(plain.predict(xt, m));
            assertThat(shifted.coef()).usingElementComparator(closeTo(1e-9)).containsExactly(plain.coef());
        }
    }

    @Test
    void primalAndDualFormsAgreeWhenForced() {
        Random rnd = new Random(5);
        for (int[] nd : new int[][] {{50, 20}, {30, 70}}) {
            int n = nd[0];
            int d = nd[1];
            float[] x = gaussian(rnd, n * d, 2f, 1f);
            int[] labels = randomLabels(rnd, n, 5);
            RidgeModel primal = ridge.fit(x, n, d, labels, 5, RidgeClassifier.Form.PRIMAL);
            RidgeModel dual = ridge.fit(x, n, d, labels, 5, RidgeClassifier.Form.DUAL);
            assertThat(primal.form()).isEqualTo(RidgeClassifier.Form.PRIMAL);
            assertThat(dual.form()).isEqualTo(RidgeClassifier.Form.DUAL);
            assertThat(relativeError(dual.coef(), primal.coef())).isLessThan(1e-9);
            assertThat(relativeError(dual.intercept(), primal.intercept())).isLessThan(1e-9);
        }
    }

    @Test
    void coefficientsSatisfyTheRidgeNormalEquations() {
        // Independent of sklearn: the gradient X_cᵀ(X_c·w − Y_c) + α·w must vanish.
        Random rnd = new Random(3);
        int n = 25;
        int d = 60;
        int k = 3;
        RidgeClassifier strong = new RidgeClassifier(2.5);
        float[] x = gaussian(rnd, n * d, 1f, 0.5f);
        int[] labels = randomLabels(rnd, n, k);
        RidgeModel model = strong.fit(x, n, d, labels, k);
        double[] mean = GramMatrix.columnMeans(x, n, d);
        double[] y = model.targets().encode(labels);
        double[] decision = model.decisionFunction(x, n);
        for (int c = 0; c < k; c++) {
            double yMean = 0;
            for (int i = 0; i < n; i++) {
                yMean += y[i * k + c] / n;
            }
            double residualSum = 0;
            for (int i = 0; i < n; i++) {
                residualSum += decision[i * k + c] - y[i * k + c];
            }
            assertThat(residualSum).as("intercept centres the residuals").isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
            for (int f = 0; f < d; f++) {
                double g = 2.5 * model.coef()[c * d + f];
                for (int i = 0; i < n; i++) {
                    double xc = x[i * d + f] - mean[f];
                    double fittedCentred = decision[i * k + c] - (model.intercept()[c] + dotMean(model, c, mean));
                    g += xc * (fittedCentred - (y[i * k + c] - yMean));
                }
                assertThat(Math.abs(g)).as("gradient c=%d f=%d", c, f).isLessThan(1e-9);
            }
        }
    }

    @Test
    void precomputedGramAndKernelModelGiveTheSameDecisions() {
        Random rnd = new Random(8);
        int n = 30;
        int d = 300;
        int m = 12;
        float[] x = gaussian(rnd, n * d, 1f, 1f);
        float[] xt = gaussian(rnd, m * d, 1f, 1f);
        int[] labels = randomLabels(rnd, n, 6);
        RidgeModel direct = ridge.fit(x, n, d, labels, 6, RidgeClassifier.Form.DUAL);
        double[] mean = GramMatrix.columnMeans(x, n, d);
        double[] gram = GramMatrix.centredGram(x, n, d, mean);
        RidgeModel withGram = ridge.fitWithGram(x, n, d, mean, gram, labels, 6);
        assertThat(withGram.coef()).containsExactly(direct.coef());
        KernelRidgeModel kernel = ridge.fitKernel(gram, n, labels, 6);
        double[] cross = GramMatrix.centredCrossGram(xt, m, x, n, d, mean);
        double[] expected = direct.decisionFunction(xt, m);
        assertThat(relativeError(kernel.decisionFromCrossGram(cross, m), expected)).isLessThan(1e-9);
        assertThat(kernel.predictFromCrossGram(cross, m)).containsExactly(direct.predict(xt, m));
        assertThat(kernel.accuracyPercentFromCrossGram(gram, n, labels))
                .isEqualTo(direct.accuracyPercent(x, n, labels));
    }

    @Test
    void classesAbsentFromTrainingAreNeverPredicted() {
        Random rnd = new Random(2);
        int n = 30;
        int d = 8;
        int[] present = {0, 2, 5};
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = present[i % 3];
        }
        float[] x = gaussian(rnd, n * d, 0f, 1f);
        RidgeModel model = ridge.fit(x, n, d, labels, 10);
        assertThat(model.columns()).isEqualTo(3);
        assertThat(model.predict(gaussian(rnd, 50 * d, 0f, 3f), 50)).containsOnly(0, 2, 5);
    }

    @Test
    void aSingleTrainingClassIsAlwaysPredicted() {
        Random rnd = new Random(4);
        int[] labels = {6, 6, 6, 6, 6};
        RidgeModel model = ridge.fit(gaussian(rnd, 5 * 3, 0f, 1f), 5, 3, labels, 10);
        assertThat(model.predict(gaussian(rnd, 7 * 3, 0f, 5f), 7)).containsOnly(6);
    }

    @Test
    void accuracyIsInPercent() {
        Npz z = Npz.resource("ridge_primal.npz");
        RidgeModel model = fitFixture(z, RidgeClassifier.Form.AUTO);
        int n = z.get("x").shape()[0];
        int[] labels = z.get("y").ints();
        int[] sk = z.get("predict_train").ints();
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += sk[i] == labels[i] ? 1 : 0;
        }
        assertThat(model.accuracyPercent(z.get("x").floats(), n, labels)).isEqualTo(100.0 * correct / n);
        assertThat(model.fitSeconds()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void rejectsInconsistentInput() {
        float[] x = new float[12];
        assertThatThrownBy(() -> ridge.fit(x, 4, 4, new int[] {0, 1, 0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4x4");
        assertThatThrownBy(() -> ridge.fit(x, 4, 3, new int[] {0, 1, 2, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2");
        assertThatThrownBy(() -> ridge.fit(x, 4, 3, new int[] {0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 labels for 4 samples");
        float[] nan = new float[12];
        nan[5] = Float.NaN;
        assertThatThrownBy(() -> ridge.fit(nan, 4, 3, new int[] {0, 1, 0, 1}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature 2");
        assertThatThrownBy(() -> new RidgeClassifier(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers

    private RidgeModel fitFixture(Npz z, RidgeClassifier.Form form) {
        Npz.Array x = z.get("x");
        int[] labels = z.get("y").ints();
        return ridge.fit(x.floats(), x.shape()[0], x.shape()[1], labels, 10, form);
    }

    private static void assertMatchesSklearn(Npz z, RidgeModel model) {
        assertThat(model.targets().classes()).containsExactly(z.get("classes").ints());
        assertThat(relativeError(model.coef(), z.get("coef").values())).isLessThan(DOUBLE_TOLERANCE);
        assertThat(relativeError(model.intercept(), z.get("intercept").values())).isLessThan(DOUBLE_TOLERANCE);
        for (String split : new String[] {"train", "test"}) {
            Npz.Array x = z.get(split.equals("train") ? "x" : "x_test");
            int m = x.shape()[0];
            double[] ours = model.decisionFunction(x.floats(), m);
            assertThat(relativeError(ours, z.get("decision_" + split).values())).as(split).isLessThan(DOUBLE_TOLERANCE);
            assertThat(model.predict(x.floats(), m)).as(split).containsExactly(z.get("predict_" + split).ints());
        }
    }

    /** max |a − b| / max |b|. */
    static double relativeError(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    private static double dotMean(RidgeModel model, int c, double[] mean) {
        double s = 0;
        for (int f = 0; f < mean.length; f++) {
            s += mean[f] * model.coef()[c * mean.length + f];
        }
        return s;
    }

    private static java.util.Comparator<Double> closeTo(double tolerance) {
        return (p, q) -> Math.abs(p - q) <= tolerance * Math.max(1, Math.abs(q)) ? 0 : Double.compare(p, q);
    }

    private static float[] gridValues(Random rnd, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (rnd.nextInt(2048) - 1024) / 256f; // multiples of 1/256 in [-4, 4)
        }
        return v;
    }

    private static float[] gaussian(Random rnd, int count, float mean, float sd) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = mean + sd * (float) rnd.nextGaussian();
        }
        return v;
    }

    private static int[] randomLabels(Random rnd, int n, int k) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < k ? i : rnd.nextInt(k);
        }
        return labels;
    }

    private static float[] add(float[] x, float[] shift) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + shift[i % shift.length];
        }
        return out;
    }
}
