package io.convprobe.stats;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Ridge regression with an unpenalised intercept: minimises {@code Σ (y − b − x·w)² + alpha·|w|²}
 * on centred inputs (the normal equations {@code (XcᵀXc + alpha·I) w = Xcᵀyc}, solved by EJML; the
 * system is positive definite for alpha &gt; 0, whatever n and p). Used by the combined score and the
 * predictor.
 */
public record RidgeRegression(double[] weights, double intercept) {
    public static RidgeRegression fit(double[][] x, double[] y, double alpha) {
        int n = x.length;
        int p = n == 0 ? 0 : x[0].length;
        double[] mx = new double[p];
        double my = java.util.Arrays.stream(y).average().orElse(0); // compensated sum, as before the move
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mx[j] += x[i][j] / n;
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(p, p);
        DMatrixRMaj b = new DMatrixRMaj(p, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double dj = x[i][j] - mx[j];
                b.add(j, 0, dj * (y[i] - my));
                for (int k = 0; k < p; k++) {
                    a.add(j, k, dj * (x[i][k] - mx[k]));
                }
            }
        }
        for (int j = 0; j < p; j++) {
            a.add(j, j, alpha);
        }
        DMatrixRMaj w = new DMatrixRMaj(p, 1);
        if (!CommonOps_DDRM.solve(a, b, w)) {
            throw new IllegalStateException("ridge system is singular (alpha " + alpha + ")");
        }
        double[] weights = w.getData().clone();
        double intercept = my;
        for (int j = 0; j < p; j++) {
            intercept -= weights[j] * mx[j];
        }
        return new RidgeRegression(weights, intercept);
    }

    public double predict(double[] row) {
        double s = intercept;
        for (int j = 0; j < weights.length; j++) {
            s += weights[j] * row[j];
        }
        return s;
    }
}
