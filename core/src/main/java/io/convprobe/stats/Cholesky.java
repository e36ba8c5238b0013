package io.convprobe.stats;

/**
 * Solves S·Z = B for a symmetric positive definite S by Cholesky (S = UᵀU, U upper triangular),
 * in double precision, for the ridge probe's n×n system (n = 500 in a search, one per network).
 * EJML's Cholesky took 10–11 ms there (its inner-product form: one dot product per entry, which the
 * JIT cannot vectorise without reordering the sum); this right-looking form updates whole rows with
 * {@code row -= s·row'} loops that it does vectorise, four panel rows per pass so each trailing row
 * is loaded and stored a quarter as often: about 3× faster (busy 2-core machine, docs/benchmarks.md).
 * Rounding differs from EJML's in the last bits only (the order of the sums), well inside the
 * float32 rounding of the Gram matrix the probe solves with.
 */
final class Cholesky {
    /** Panel rows per block: 64 rows of 500 doubles (256 KB) stay in L2 while the trailing rows stream past. */
    private static final int PANEL = 64;

    /**
     * The factor's rows, kept per thread between calls: a search solves one system of the same size
     * per network, and fresh 2 MB arrays each time cost more than the factorisation (the heap's new
     * pages fault in on these VMs, docs/design.md) — measured 7 ms against 2 ms.
     */
    private static final ThreadLocal<double[][]> WORK = new ThreadLocal<>();

    private Cholesky() {
    }

    private static double[][] rows(int size) {
        double[][] u = WORK.get();
        if (u == null || u.length != size) {
            u = new double[size][size];
            WORK.set(u);
        }
        return u;
    }

    /**
     * Z (size×cols row-major) for (a + αI)·Z = b, or null when the matrix is not numerically
     * positive definite (a pivot ≤ 0 or not finite): the caller falls back to another method.
     * Neither {@code a} nor {@code b} is modified.
     */
    static double[] solve(double[] a, int size, double alpha, double[] b, int cols) {
        double[][] u = rows(size);
        for (int i = 0; i < size; i++) {
            System.arraycopy(a, i * size, u[i], 0, size);
            u[i][i] += alpha;
        }
        if (!factor(u, size)) {
            return null;
        }
        return substitute(u, size, b, cols);
    }

    /**
     * Overwrites the upper triangle of {@code u} (rows) with U, S = UᵀU; the strict lower triangle
     * is left as it was (never read). False when a pivot is not positive. Rows are separate arrays
     * and every loop indexes them alike ({@code ui[j] -= s·uk[j]}), which is what lets the JIT
     * vectorise without proving that two offsets into one array never overlap.
     */
    static boolean factor(double[][] u, int n) {
        for (int k0 = 0; k0 < n; k0 += PANEL) {
            int k1 = Math.min(n, k0 + PANEL);
            // the panel's rows: unblocked, updating only the panel's own later rows
            for (int k = k0; k < k1; k++) {
                double[] uk = u[k];
                double d = uk[k];
                if (!(d > 0) || Double.isInfinite(d)) {
                    return false;
                }
                double r = Math.sqrt(d);
                uk[k] = r;
                for (int j = k + 1; j < n; j++) {
                    uk[j] /= r;
                }
                for (int i = k + 1; i < k1; i++) {
                    axpy(u[i], -uk[i], uk, i, n);
                }
            }
            // the trailing rows: row i -= Σ over the panel's rows k of U[k][i]·U[k][i..n), four k at a time
            for (int i = k1; i < n; i++) {
                double[] ui = u[i];
                int k = k0;
                for (; k + 3 < k1; k += 4) {
                    double[] u0 = u[k];
                    double[] u1 = u[k + 1];
                    double[] u2 = u[k + 2];
                    double[] u3 = u[k + 3];
                    double s0 = u0[i];
                    double s1 = u1[i];
                    double s2 = u2[i];
                    double s3 = u3[i];
                    for (int j = i; j < n; j++) {
                        ui[j] -= (s0 * u0[j] + s1 * u1[j]) + (s2 * u2[j] + s3 * u3[j]);
                    }
                }
                for (; k < k1; k++) {
                    axpy(ui, -u[k][i], u[k], i, n);
                }
            }
        }
        return true;
    }

    /** y[from..to) += s·x[from..to). */
    private static void axpy(double[] y, double s, double[] x, int from, int to) {
        for (int j = from; j < to; j++) {
            y[j] += s * x[j];
        }
    }

    /** Z = U⁻¹·U⁻ᵀ·B, one right-hand side at a time (each a column of B copied out, so its loops run along rows). */
    private static double[] substitute(double[][] u, int n, double[] b, int cols) {
        double[] z = new double[n * cols];
        double[] y = new double[n];
        for (int c = 0; c < cols; c++) {
            for (int i = 0; i < n; i++) {
                y[i] = b[i * cols + c];
            }
            // Uᵀ·y = b, right-looking: each solved y[k] leaves the rows below through row k of U
            for (int k = 0; k < n; k++) {
                double[] uk = u[k];
                y[k] /= uk[k];
                axpy(y, -y[k], uk, k + 1, n);
            }
            // U·z = y from the last row up: z[k] = (y[k] − U[k][k+1..n)·z[k+1..n)) / U[k][k]
            for (int k = n - 1; k >= 0; k--) {
                double[] uk = u[k];
                y[k] = (y[k] - GramMatrix.dot(uk, k + 1, y, k + 1, n - k - 1)) / uk[k];
            }
            for (int i = 0; i < n; i++) {
                z[i * cols + c] = y[i];
            }
        }
        return z;
    }
}
