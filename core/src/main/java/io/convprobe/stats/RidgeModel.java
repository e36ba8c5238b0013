package io.convprobe.stats;

/**
 * A fitted ridge classifier in primal form: decision(x) = coef·x + intercept per target column.
 *
 * @param targets    the classes and their ±1 coding (one column for two classes)
 * @param features   d, the number of features per sample
 * @param coef       columns()×d row-major weights (sklearn's {@code coef_})
 * @param intercept  one value per column (sklearn's {@code intercept_})
 * @param form       how the system was solved (PRIMAL or DUAL; never AUTO)
 * @param fitSeconds wall time of the fit, Gram matrix and solve included (a reported metric)
 */
public record RidgeModel(
        OneVsAllTargets targets, int features, double[] coef, double[] intercept,
        RidgeClassifier.Form form, double fitSeconds) {

    /** Number of decision columns (1 for a two-class problem). */
    public int columns() {
        return intercept.length;
    }

    /** Decision values, m×columns() row-major, for the m×d row-major samples x. */
    public double[] decisionFunction(float[] x, int m) {
        int d = features;
        GramMatrix.checkShape(x, m, d, "x");
        int t = columns();
        double[] out = new double[m * t];
        double[] row = new double[d];
        for (int r = 0; r < m; r++) {
            int xo = r * d;
            for (int f = 0; f < d; f++) {
                row[f] = x[xo + f];
            }
            for (int c = 0; c < t; c++) {
                out[r * t + c] = GramMatrix.dot(row, 0, coef, c * d, d) + intercept[c];
            }
        }
        return out;
    }

    /** Predicted labels for the m×d row-major samples x. */
    public int[] predict(float[] x, int m) {
        return targets.decode(decisionFunction(x, m), m);
    }

    /** Accuracy in percent on the m×d samples x with true labels. */
    public double accuracyPercent(float[] x, int m, int[] labels) {
        return OneVsAllTargets.accuracyPercent(predict(x, m), labels);
    }
}
