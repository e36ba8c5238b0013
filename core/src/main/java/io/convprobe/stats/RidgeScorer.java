package io.convprobe.stats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

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
        return score(train, trainLabels, test, testLabels, numClasses, work, false);
    }

    /**
     * As {@link #score}, but centres {@code train} in place: X − μ is written over the caller's train
     * features instead of into a new n×d array, so they hold the centred values afterwards. For callers
     * that drop the train features once scored (the sweep, the one-at-a-time probe): the copy is a
     * block of its own per network (40 MB for 20,000 features), mapped and faulted in afresh under a
     * budget; without it the slab's ridge scoring took 0.1–1.2 s less of its 5 s (median 0.3 s, 8
     * paired runs; docs/benchmarks.md). The same subtraction, so the same values bit for bit.
     */
    public Score scoreConsuming(NDArray train, int[] trainLabels, NDArray test, int[] testLabels, int numClasses,
            NDManager work) {
        return score(train, trainLabels, test, testLabels, numClasses, work, true);
    }

    private Score score(NDArray train, int[] trainLabels, NDArray test, int[] testLabels, int numClasses,
            NDManager work, boolean inPlace) {
        long start = System.nanoTime();
        Decisions d = decisions(train, trainLabels, test, numClasses, work, inPlace);
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
        return decisions(train, trainLabels, test, numClasses, work, false);
    }

    /** As {@link #decisions}, centring {@code train} in place when {@code inPlace} ({@link #scoreConsuming}). */
    Decisions decisions(NDArray train, int[] trainLabels, NDArray test, int numClasses, NDManager work,
            boolean inPlace) {
        int n = trainLabels.length;
        try (NDManager tmp = work.newSubManager()) {
            // Results of DJL operations go to the first operand's manager: lend the inputs to tmp so
            // every temporary (centred and Gram matrices, weights) is freed with it.
            tmp.tempAttachAll(train, test);
            NDArray mean = train.mean(new int[] {0}, true);
            NDArray xc = inPlace ? train.subi(mean) : train.sub(mean);
            double[] gram = workspace(n);
            double gramSeconds = gram(xc, n, gram);
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
     * The n×n Gram matrix's home, kept per thread: one per network and 2 MB at n = 500, so a fresh
     * one each time spent more time faulting the heap's new pages in than copying (docs/design.md,
     * page faults on these VMs). The solve copies it, and nothing holds it after {@link #decisions}.
     */
    private static final ThreadLocal<double[]> GRAM = new ThreadLocal<>();

    private static double[] workspace(int n) {
        double[] k = GRAM.get();
        if (k == null || k.length != n * n) {
            k = new double[n * n];
            GRAM.set(k);
        }
        return k;
    }

    /**
     * K = X_c·X_cᵀ into {@code k} (n×n, float32 products as sklearn's, widened to double exactly);
     * returns the seconds of the products alone. Halves of the rows: the two diagonal blocks and one
     * off-diagonal block, mirrored — three quarters of a full product's work. Small n: one product.
     * The float32 results are read in place through a direct buffer (no copy to a Java array first).
     */
    private static double gram(NDArray xc, int n, double[] k) {
        if (n < SPLIT_GRAM_ROWS) {
            long t0 = System.nanoTime();
            NDArray full = xc.matMul(xc.transpose());
            double seconds = (System.nanoTime() - t0) / 1e9;
            FloatBuffer f = floats(full);
            for (int i = 0; i < n * n; i++) {
                k[i] = f.get(i);
            }
            return seconds;
        }
        int h = n / 2;
        int r = n - h;
        long t0 = System.nanoTime();
        NDArray top = xc.get("0:" + h);
        NDArray bottom = xc.get(h + ":");
        NDArray ab = top.matMul(top.transpose());
        NDArray bb = top.matMul(bottom.transpose());
        NDArray cb = bottom.matMul(bottom.transpose());
        double seconds = (System.nanoTime() - t0) / 1e9;
        FloatBuffer a = floats(ab);
        FloatBuffer b = floats(bb);
        FloatBuffer c = floats(cb);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < h; j++) {
                k[i * n + j] = a.get(i * h + j);
            }
            for (int j = 0; j < r; j++) {
                double v = b.get(i * r + j);
                k[i * n + h + j] = v;
                k[(h + j) * n + i] = v;
            }
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                k[(h + i) * n + h + j] = c.get(i * r + j);
            }
        }
        return seconds;
    }

    /** The float32 values of a contiguous array, read where libtorch keeps them (valid while the array is open). */
    private static FloatBuffer floats(NDArray a) {
        return a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
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
