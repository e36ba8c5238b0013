package io.convprobe.stats;

/**
 * scikit-learn's {@code RidgeClassifier()} with its defaults (alpha 1, fit_intercept, solver 'auto',
 * which is 'cholesky' for dense input), for row-major float features, computed in double precision.
 *
 * <p>What sklearn 1.2 does ({@code linear_model/_ridge.py}) and we repeat:
 * <ol>
 *   <li>Targets: {@code LabelBinarizer(pos_label=1, neg_label=-1)} over the classes present in
 *       training ({@link OneVsAllTargets}); a single column for two classes.</li>
 *   <li>Centring ({@code _preprocess_data}): X_c = X − μ with μ the column means, Y_c = Y − Y_offset
 *       with Y_offset the column means of the ±1 targets.</li>
 *   <li>Solve: if d > n the dual (kernel) form (K + αI)·a = Y_c with K = X_c·X_cᵀ, then w = X_cᵀ·a
 *       ({@code _solve_cholesky_kernel}); otherwise the primal form (X_cᵀX_c + αI)·w = X_cᵀ·Y_c
 *       ({@code _solve_cholesky}). Both by Cholesky.</li>
 *   <li>intercept = Y_offset − μ·w ({@code _set_intercept}); decision = x·w + intercept; prediction is
 *       the first arg-max, or the sign for two classes.</li>
 * </ol>
 *
 * <p>Precision: sklearn keeps float32 input in float32 (centring, BLAS products and LAPACK solve all in
 * single precision). We always compute in double from the float values, i.e. we reproduce sklearn run
 * on {@code X.astype(float64)}; against sklearn's float32 run the difference is sklearn's own float32
 * rounding (the tests bound it by comparing both sklearn runs in the fixture).
 */
public final class RidgeClassifier {

    /** Which normal equations to solve. AUTO follows sklearn: DUAL exactly when features > samples. */
    public enum Form { AUTO, PRIMAL, DUAL }

    /** Features per block when forming w = X_cᵀ·a. */
    private static final int COEF_BLOCK = 1024;

    private final double alpha;

    /** sklearn's default, alpha = 1.0. */
    public RidgeClassifier() {
        this(1.0);
    }

    public RidgeClassifier(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a finite number >= 0, got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    /** Fits on the n×d row-major features x with labels in [0, numClasses); solver as sklearn's 'auto'. */
    public RidgeModel fit(float[] x, int n, int d, int[] labels, int numClasses) {
        return fit(x, n, d, labels, numClasses, Form.AUTO);
    }

    /** As {@link #fit(float[], int, int, int[], int)}, forcing the primal or dual form if asked. */
    public RidgeModel fit(float[] x, int n, int d, int[] labels, int numClasses, Form form) {
        long start = System.nanoTime();
        GramMatrix.checkShape(x, n, d, "x");
        checkLabels(labels, n);
        Form used = form == Form.AUTO ? (d > n ? Form.DUAL : Form.PRIMAL) : form;
        double[] mean = GramMatrix.columnMeans(x, n, d);
        if (used == Form.DUAL) {
            double[] gram = GramMatrix.centredGram(x, n, d, mean);
            return dual(x, n, d, mean, gram, labels, numClasses, start);
        }
        return primal(x, n, d, mean, labels, numClasses, start);
    }

    /**
     * The dual form with a centred Gram matrix computed by the caller (e.g. with a faster matmul):
     * {@code centredGram} = X_c·X_cᵀ (n×n row-major) with X_c = x − mean and {@code mean} the column
     * means of x ({@link GramMatrix#columnMeans}). Returns the same model as {@code fit(..., DUAL)}.
     */
    public RidgeModel fitWithGram(float[] x, int n, int d, double[] mean, double[] centredGram,
                                  int[] labels, int numClasses) {
        long start = System.nanoTime();
        GramMatrix.checkShape(x, n, d, "x");
        checkLabels(labels, n);
        checkGram(centredGram, n);
        if (mean.length != d) {
            throw new IllegalArgumentException("mean has " + mean.length + " values, expected " + d);
        }
        return dual(x, n, d, mean, centredGram, labels, numClasses, start);
    }

    /**
     * Fits from the centred Gram matrix alone; predict with centred cross-Gram matrices
     * ({@link KernelRidgeModel#decisionFromCrossGram}). No feature matrix needed at all.
     */
    public KernelRidgeModel fitKernel(double[] centredGram, int n, int[] labels, int numClasses) {
        long start = System.nanoTime();
        checkLabels(labels, n);
        checkGram(centredGram, n);
        OneVsAllTargets targets = OneVsAllTargets.of(labels, numClasses);
        int t = targets.columns();
        double[] y = targets.encode(labels);
        double[] yOffset = centreColumns(y, n, t);
        double[] a = SpdSolver.solve(centredGram, n, alpha, y, t);
        return new KernelRidgeModel(targets, n, a, yOffset, seconds(start));
    }

    private RidgeModel dual(float[] x, int n, int d, double[] mean, double[] gram,
                            int[] labels, int numClasses, long start) {
        OneVsAllTargets targets = OneVsAllTargets.of(labels, numClasses);
        int t = targets.columns();
        double[] y = targets.encode(labels);
        double[] yOffset = centreColumns(y, n, t);
        double[] a = SpdSolver.solve(gram, n, alpha, y, t); // n×t
        // w = X_cᵀ·a, stored t×d: coef[c][f] = Σ_i a[i][c]·(x[i][f] − μ[f]). Feature blocks keep the
        // t×block slice of coef in cache across all n samples (d = 100k: 8 MB of coef otherwise).
        double[] coef = new double[t * d];
        double[] centred = new double[COEF_BLOCK];
        for (int f0 = 0; f0 < d; f0 += COEF_BLOCK) {
            int b = Math.min(COEF_BLOCK, d - f0);
            for (int i = 0; i < n; i++) {
                int xo = i * d + f0;
                for (int q = 0; q < b; q++) {
                    centred[q] = x[xo + q] - mean[f0 + q];
                }
                for (int c = 0; c < t; c++) {
                    double s = a[i * t + c];
                    int co = c * d + f0;
                    for (int q = 0; q < b; q++) {
                        coef[co + q] += s * centred[q];
                    }
                }
            }
        }
        return finish(targets, d, coef, mean, yOffset, Form.DUAL, start);
    }

    private RidgeModel primal(float[] x, int n, int d, double[] mean, int[] labels, int numClasses, long start) {
        OneVsAllTargets targets = OneVsAllTargets.of(labels, numClasses);
        int t = targets.columns();
        double[] y = targets.encode(labels);
        double[] yOffset = centreColumns(y, n, t);
        // Transposed centred copy (d×n) so both products below run along contiguous rows.
        double[] xt = new double[d * n];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                xt[f * n + i] = x[i * d + f] - mean[f];
            }
        }
        double[] yt = new double[t * n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < t; c++) {
                yt[c * n + i] = y[i * t + c];
            }
        }
        double[] gram = new double[d * d]; // X_cᵀ·X_c
        for (int f = 0; f < d; f++) {
            for (int g = f; g < d; g++) {
                double s = GramMatrix.dot(xt, f * n, xt, g * n, n);
                gram[f * d + g] = s;
                gram[g * d + f] = s;
            }
        }
        double[] rhs = new double[d * t]; // X_cᵀ·Y_c
        for (int f = 0; f < d; f++) {
            for (int c = 0; c < t; c++) {
                rhs[f * t + c] = GramMatrix.dot(xt, f * n, yt, c * n, n);
            }
        }
        double[] w = SpdSolver.solve(gram, d, alpha, rhs, t); // d×t
        double[] coef = new double[t * d];
        for (int f = 0; f < d; f++) {
            for (int c = 0; c < t; c++) {
                coef[c * d + f] = w[f * t + c];
            }
        }
        return finish(targets, d, coef, mean, yOffset, Form.PRIMAL, start);
    }

    /** intercept = Y_offset − μ·w, as sklearn's {@code _set_intercept}. */
    private static RidgeModel finish(OneVsAllTargets targets, int d, double[] coef, double[] mean,
                                     double[] yOffset, Form form, long start) {
        int t = yOffset.length;
        double[] intercept = new double[t];
        for (int c = 0; c < t; c++) {
            intercept[c] = yOffset[c] - GramMatrix.dot(mean, 0, coef, c * d, d);
        }
        return new RidgeModel(targets, d, coef, intercept, form, seconds(start));
    }

    /** Subtracts each column's mean from y (n×t row-major) in place and returns the means. */
    private static double[] centreColumns(double[] y, int n, int t) {
        double[] mean = new double[t];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < t; c++) {
                mean[c] += y[i * t + c];
            }
        }
        for (int c = 0; c < t; c++) {
            mean[c] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < t; c++) {
                y[i * t + c] -= mean[c];
            }
        }
        return mean;
    }

    private static void checkLabels(int[] labels, int n) {
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
        }
    }

    private static void checkGram(double[] gram, int n) {
        if (n < 1 || (long) n * n != gram.length) {
            throw new IllegalArgumentException("Gram matrix has " + gram.length + " values, expected " + n + "x" + n);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
