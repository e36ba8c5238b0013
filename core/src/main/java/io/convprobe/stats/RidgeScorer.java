package io.convprobe.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Fits scikit-learn's {@code RidgeClassifier()} on train features and scores train and test
 * accuracy, doing the big product on the engine in float32 exactly as scikit-learn does with the
 * float32 features a network produces (it keeps float32 input in float32): X_c = X − μ (μ the train
 * column means), K = X_c·X_cᵀ (n×n, the one O(n²d) product, formed from row halves so only three
 * quarters of it are computed). The n×n solve (K + αI)·a = Y_c runs on the JVM in float64
 * ({@link RidgeClassifier#fitKernel}); then the weights aᵀ·X_c (k×d) and the test decisions
 * Z·W + intercept (sklearn's own prediction form) are cheap O(ndk) products, and the train
 * decisions come from K·a without touching the features again.
 *
 * <p>This is the dual form sklearn uses when features exceed samples; for fewer features sklearn
 * solves the primal form, which gives the same coefficients in exact arithmetic
 * (Xᵀ(XXᵀ+αI)⁻¹ = (XᵀX+αI)⁻¹Xᵀ); decision values agree with the float64 JVM classifier to float32
 * rounding (~1e-6 relative), the same rounding sklearn itself has on float32 features.
 */
public final class RidgeScorer {
    /** From this many training samples on, the Gram matrix is formed from row halves (3/4 of the work). */
    public static final int SPLIT_GRAM_ROWS = 128;
    private final RidgeClassifier ridge = new RidgeClassifier();

    /**
     * Test and train accuracy in percent, the seconds the whole scoring took and the seconds of its
     * Gram products alone (the part of the fit that is the probe's arithmetic: a benchmark's floor).
     */
    public record Score(double testAccuracy, double trainAccuracy, double seconds, double gramSeconds) {}

    /**
     * Scores features {@code train} (n×d) and {@code test} (m×d), float32 arrays in any manager;
     * temporaries live in a sub-manager of {@code work} that is closed before returning.
     */
    public Score score(NDArray train, int[] trainLabels, NDArray test, int[] testLabels, int numClasses,
            NDManager work) {
        long start = System.nanoTime();
        Decisions d = decisions(train, trainLabels, test, numClasses, work);
        OneVsAllTargets targets = d.model().targets();
        double trainAcc = OneVsAllTargets.accuracyPercent(targets.decode(d.train(), trainLabels.length), trainLabels);
        double testAcc = OneVsAllTargets.accuracyPercent(targets.decode(d.test(), testLabels.length), testLabels);
        return new Score(testAcc, trainAcc, (System.nanoTime() - start) / 1e9, d.gramSeconds());
    }

    /**
     * The fitted model and its decision values (row-major, samples × columns) on train and test, and
     * the seconds of the Gram products.
     */
    public record Decisions(KernelRidgeModel model, double[] train, double[] test, double gramSeconds) {}

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    public Decisions decisions(NDArray train, int[] trainLabels, NDArray test, int numClasses, NDManager work) {
        int n = trainLabels.length;
        try (NDManager tmp = work.newSubManager()) {
            // Results of DJL operations go to the first operand's manager: lend the inputs to tmp so
            // every temporary (centred and Gram matrices, weights) is freed with it.
            tmp.tempAttachAll(train, test);
            NDArray mean = train.mean(new int[] {0}, true);
            NDArray xc = train.sub(mean);
            long g0 = System.nanoTime();
            double[] gram = gram(xc, n);
            double gramSeconds = (System.nanoTime() - g0) / 1e9;
            KernelRidgeModel model = ridge.fitKernel(gram, n, trainLabels, numClasses);
            int k = model.columns();
            // coef = aᵀ·X_c (k×d), as sklearn's _solve_cholesky_kernel then safe_sparse_dot(dual_coef.T, X)
            NDArray coef = tmp.create(toFloats(transpose(model.dualCoef(), n, k)), new Shape(k, n)).matMul(xc);
            // sklearn's prediction: z·coefᵀ + intercept, intercept = y_offset − μ·coefᵀ (_set_intercept)
            NDArray intercept = tmp.create(toFloats(model.yOffset())).sub(mean.matMul(coef.transpose()).reshape(k));
            double[] testDecision = test.matMul(coef.transpose()).add(intercept).toType(DataType.FLOAT64, false)
                    .toDoubleArray();
            // Train decisions X_c·coefᵀ + y_offset = K·a + y_offset: no second pass over the features.
            double[] trainDecision = model.decisionFromCrossGram(gram, n);
            return new Decisions(model, trainDecision, testDecision, gramSeconds);
        }
    }

    /**
     * K = X_c·X_cᵀ (n×n, float32 products as sklearn's, returned in double). Halves of the rows:
     * the two diagonal blocks and one off-diagonal block, mirrored — three quarters of a full
     * product's work. Small n: one product.
     */
    private static double[] gram(NDArray xc, int n) {
        if (n < SPLIT_GRAM_ROWS) {
            return xc.matMul(xc.transpose()).toType(DataType.FLOAT64, false).toDoubleArray();
        }
        int h = n / 2;
        NDArray top = xc.get("0:" + h);
        NDArray bottom = xc.get(h + ":");
        double[] a = top.matMul(top.transpose()).toType(DataType.FLOAT64, false).toDoubleArray();
        double[] b = top.matMul(bottom.transpose()).toType(DataType.FLOAT64, false).toDoubleArray();
        double[] c = bottom.matMul(bottom.transpose()).toType(DataType.FLOAT64, false).toDoubleArray();
        int r = n - h;
        double[] k = new double[n * n];
        for (int i = 0; i < h; i++) {
            System.arraycopy(a, i * h, k, i * n, h);
            System.arraycopy(b, i * r, k, i * n + h, r);
            for (int j = 0; j < r; j++) {
                k[(h + j) * n + i] = b[i * r + j];
            }
        }
        for (int i = 0; i < r; i++) {
            System.arraycopy(c, i * r, k, (h + i) * n + h, r);
        }
        return k;
    }

    private static double[] transpose(double[] v, int rows, int cols) {
        double[] t = new double[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = v[i * cols + j];
            }
        }
        return t;
    }
}
