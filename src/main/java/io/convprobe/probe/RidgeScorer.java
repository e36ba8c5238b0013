package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Fits scikit-learn's {@code RidgeClassifier()} on train features and scores train and test
 * accuracy, with the two big products on the engine: K = X_c·X_cᵀ (n×n) and C = Z_c·X_cᵀ (m×n),
 * in float64, X_c = X − μ and Z_c = Z − μ with μ the train column means. The n×n solve and the
 * decisions (K·a, C·a, n·m·classes multiply-adds) run on the JVM ({@link RidgeClassifier#fitKernel}).
 *
 * <p>This is the dual form sklearn itself uses when features exceed samples; for fewer features
 * sklearn solves the primal form, which gives the same coefficients in exact arithmetic
 * (Xᵀ(XXᵀ+αI)⁻¹ = (XᵀX+αI)⁻¹Xᵀ), and in float64 the decision values agree to ~1e-12 — far below
 * sklearn's own float32 rounding. Train decisions come from K itself (the cross-Gram of the
 * training samples with themselves).
 */
public final class RidgeScorer {
    private final RidgeClassifier ridge = new RidgeClassifier();

    /** Test and train accuracy in percent, and the seconds the whole scoring took. */
    public record Score(double testAccuracy, double trainAccuracy, double seconds) {}

    /**
     * Scores features {@code train} (n×d) and {@code test} (m×d), float32 arrays in any manager;
     * temporaries live in a sub-manager of {@code work} that is closed before returning.
     */
    public Score score(NDArray train, int[] trainLabels, NDArray test, int[] testLabels, int numClasses,
            NDManager work) {
        long start = System.nanoTime();
        int n = trainLabels.length;
        int m = testLabels.length;
        double[][] k = centredGrams(train, test, work);
        KernelRidgeModel model = ridge.fitKernel(k[0], n, trainLabels, numClasses);
        double trainAcc = model.accuracyPercentFromCrossGram(k[0], n, trainLabels);
        double testAcc = model.accuracyPercentFromCrossGram(k[1], m, testLabels);
        return new Score(testAcc, trainAcc, (System.nanoTime() - start) / 1e9);
    }

    /** {K, C}: the centred Gram matrix of {@code train} (n×n) and the centred cross-Gram of {@code test} (m×n). */
    static double[][] centredGrams(NDArray train, NDArray test, NDManager work) {
        try (NDManager tmp = work.newSubManager()) {
            // Results of DJL operations go to the first operand's manager: lend the inputs to tmp so
            // every temporary (float64 copies, centred matrices) is freed with it.
            tmp.tempAttachAll(train, test);
            NDArray x = train.toType(DataType.FLOAT64, true);
            NDArray mean = x.mean(new int[] {0}, true);
            NDArray xc = x.sub(mean);
            x.close();
            NDArray xcT = xc.transpose();
            double[] gram = xc.matMul(xcT).toDoubleArray();
            NDArray zc = test.toType(DataType.FLOAT64, true).sub(mean);
            double[] cross = zc.matMul(xcT).toDoubleArray();
            return new double[][] {gram, cross};
        }
    }
}
