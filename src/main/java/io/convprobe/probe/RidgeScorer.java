package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Fits scikit-learn's {@code RidgeClassifier()} on train features and scores train and test
 * accuracy, doing the big product on the engine in float32 exactly as scikit-learn does with the
 * float32 features a network produces (it keeps float32 input in float32): X_c = X − μ (μ the train
 * column means), K = X_c·X_cᵀ (n×n, the one O(n²d) product). The n×n solve (K + αI)·a = Y_c runs on
 * the JVM in float64 ({@link RidgeClassifier#fitKernel}); then W = X_cᵀ·a (d×k) and the decision
 * values X_c·W and Z_c·W (Z the test features) are cheap O(ndk) products.
 *
 * <p>This is the dual form sklearn uses when features exceed samples; for fewer features sklearn
 * solves the primal form, which gives the same coefficients in exact arithmetic
 * (Xᵀ(XXᵀ+αI)⁻¹ = (XᵀX+αI)⁻¹Xᵀ); decision values agree with the float64 JVM classifier to float32
 * rounding (~1e-6 relative), the same rounding sklearn itself has on float32 features.
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

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    Decisions decisions(NDArray train, int[] trainLabels, NDArray test, int numClasses, NDManager work) {
        int n = trainLabels.length;
        try (NDManager tmp = work.newSubManager()) {
            // Results of DJL operations go to the first operand's manager: lend the inputs to tmp so
            // every temporary (centred and Gram matrices, weights) is freed with it.
            tmp.tempAttachAll(train, test);
            NDArray mean = train.mean(new int[] {0}, true);
            NDArray xc = train.sub(mean);
            NDArray gram = xc.matMul(xc.transpose());
            KernelRidgeModel model = ridge.fitKernel(gram.toType(DataType.FLOAT64, false).toDoubleArray(), n,
                    trainLabels, numClasses);
            NDArray a = tmp.create(toFloats(model.dualCoef()), new ai.djl.ndarray.types.Shape(n, model.columns()));
            NDArray w = xc.transpose().matMul(a); // d×k primal weights
            NDArray offset = tmp.create(toFloats(model.yOffset()));
            double[] trainDecision = xc.matMul(w).add(offset).toType(DataType.FLOAT64, false).toDoubleArray();
            NDArray zc = test.sub(mean);
            double[] testDecision = zc.matMul(w).add(offset).toType(DataType.FLOAT64, false).toDoubleArray();
            return new Decisions(model, trainDecision, testDecision);
        }
    }
}
