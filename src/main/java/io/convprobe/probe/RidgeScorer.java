package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Fits scikit-learn's {@code RidgeClassifier()} on train features and scores train and test
 * accuracy. The big products run on the engine in float64: K = X_c·X_cᵀ (n×n), C = Z_c·X_cᵀ (m×n)
 * with X_c = X − μ, Z_c = Z − μ, μ the train column means, and the decision values K·a and C·a.
 * Only the n×n solve (K + αI)·a = Y_c runs on the JVM ({@link RidgeClassifier#fitKernel}).
 *
 * <p>This is the dual form sklearn itself uses when features exceed samples; for fewer features
 * sklearn solves the primal form, which gives the same coefficients in exact arithmetic
 * (Xᵀ(XXᵀ+αI)⁻¹ = (XᵀX+αI)⁻¹Xᵀ); in float64 the decision values agree to ~1e-12, far below
 * sklearn's own float32 rounding. Train decisions use K itself (the cross-Gram of the training
 * samples with themselves).
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
        Decisions d = decisions(train, trainLabels, test, numClasses, work);
        OneVsAllTargets targets = d.model().targets();
        double trainAcc = OneVsAllTargets.accuracyPercent(targets.decode(d.train(), trainLabels.length), trainLabels);
        double testAcc = OneVsAllTargets.accuracyPercent(targets.decode(d.test(), testLabels.length), testLabels);
        return new Score(testAcc, trainAcc, (System.nanoTime() - start) / 1e9);
    }

    /** The fitted model and its decision values (row-major, samples × columns) on train and test. */
    record Decisions(KernelRidgeModel model, double[] train, double[] test) {}

    Decisions decisions(NDArray train, int[] trainLabels, NDArray test, int numClasses, NDManager work) {
        int n = trainLabels.length;
        try (NDManager tmp = work.newSubManager()) {
            // Results of DJL operations go to the first operand's manager: lend the inputs to tmp so
            // every temporary (float64 copies, centred and Gram matrices) is freed with it.
            tmp.tempAttachAll(train, test);
            NDArray x = train.toType(DataType.FLOAT64, true);
            NDArray mean = x.mean(new int[] {0}, true);
            NDArray xc = x.sub(mean);
            x.close();
            NDArray xcT = xc.transpose();
            NDArray gram = xc.matMul(xcT);
            xc.close();
            NDArray zc = test.toType(DataType.FLOAT64, true).sub(mean);
            NDArray cross = zc.matMul(xcT);
            zc.close();
            KernelRidgeModel model = ridge.fitKernel(gram.toDoubleArray(), n, trainLabels, numClasses);
            NDArray a = tmp.create(model.dualCoef(), new ai.djl.ndarray.types.Shape(n, model.columns()));
            NDArray offset = tmp.create(model.yOffset());
            return new Decisions(model, gram.matMul(a).add(offset).toDoubleArray(),
                    cross.matMul(a).add(offset).toDoubleArray());
        }
    }
}
