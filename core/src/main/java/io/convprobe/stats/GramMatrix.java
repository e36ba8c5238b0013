package io.convprobe.stats;

/**
 * Column means and centred Gram matrices of row-major float feature matrices, in double precision.
 *
 * <p>Centring: X_c = X − 1·μᵀ with μ the column means of the training features. The centred Gram
 * matrix is K = X_c·X_cᵀ (n×n), the cross-Gram of other samples Z is (Z − 1·μᵀ)·X_cᵀ. We centre
 * each value explicitly in double before multiplying instead of using the algebraic shortcut
 * XXᵀ − (Xμ)1ᵀ − 1(Xμ)ᵀ + μᵀμ·11ᵀ, which cancels badly when the means are large next to the spread
 * (ReLU features are all non-negative).
 *
 * <p>The n×n Gram matrix over d features is the whole cost of a dual ridge fit (n²·d/2 multiply-adds).
 * It is computed one block of features at a time: the block is centred into a small double buffer
 * (n × {@value #BLOCK} doubles, cache-resident) and the upper triangle of K is accumulated from it
 * with 2×4 register tiles, eight independent sums per inner loop so the JIT can pipeline them.
 * Single-threaded on purpose: callers parallelise over networks.
 */
public final class GramMatrix {
    /** Features per block; 256 measured best of 64..512 for n = 500 on a 2-core x86 machine. */
    static final int BLOCK = 256;

    private GramMatrix() {
    }

    /** Column means μ (length d) of the n×d row-major matrix x, summed in double. */
    public static double[] columnMeans(float[] x, int n, int d) {
        checkShape(x, n, d, "x");
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int f = 0; f < d; f++) {
                mean[f] += x[row + f];
            }
        }
        for (int f = 0; f < d; f++) {
            mean[f] /= n;
            if (!Double.isFinite(mean[f])) {
                throw new IllegalArgumentException("feature " + f + " has a non-finite value (NaN or infinity)");
            }
        }
        return mean;
    }

    /** K = X_c·X_cᵀ, n×n row-major, symmetric, with X_c = x − μ row by row. */
    public static double[] centredGram(float[] x, int n, int d, double[] mean) {
        checkShape(x, n, d, "x");
        checkMean(mean, d);
        double[] k = new double[n * n];
        double[] buf = new double[n * BLOCK];
        for (int f0 = 0; f0 < d; f0 += BLOCK) {
            int b = Math.min(BLOCK, d - f0);
            centreBlock(x, n, d, mean, f0, b, buf);
            accumulateUpper(buf, n, b, k);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                k[j * n + i] = k[i * n + j];
            }
        }
        return k;
    }

    /** C = (z − μ)·X_cᵀ, m×n row-major: the centred kernel between m other samples z and the training x. */
    public static double[] centredCrossGram(float[] z, int m, float[] x, int n, int d, double[] mean) {
        checkShape(z, m, d, "z");
        checkShape(x, n, d, "x");
        checkMean(mean, d);
        double[] c = new double[m * n];
        double[] bufZ = new double[m * BLOCK];
        double[] bufX = new double[n * BLOCK];
        for (int f0 = 0; f0 < d; f0 += BLOCK) {
            int b = Math.min(BLOCK, d - f0);
            centreBlock(z, m, d, mean, f0, b, bufZ);
            centreBlock(x, n, d, mean, f0, b, bufX);
            for (int r = 0; r < m; r++) {
                int zo = r * BLOCK;
                for (int i = 0; i < n; i++) {
                    c[r * n + i] += dot(bufZ, zo, bufX, i * BLOCK, b);
                }
            }
        }
        return c;
    }

    /** buf[i*BLOCK + k] = x[i][f0 + k] − μ[f0 + k] for k < b. */
    private static void centreBlock(float[] x, int n, int d, double[] mean, int f0, int b, double[] buf) {
        for (int i = 0; i < n; i++) {
            int xo = i * d + f0;
            int bo = i * BLOCK;
            for (int k = 0; k < b; k++) {
                buf[bo + k] = x[xo + k] - mean[f0 + k];
            }
        }
    }

    /**
     * Adds buf·bufᵀ to the upper triangle of k (entries below the diagonal may receive partial sums
     * and are overwritten by the caller's mirror step). Out-of-range tile rows/columns are clamped to
     * the last sample and their sums discarded, which keeps the inner loop branch-free.
     */
    private static void accumulateUpper(double[] buf, int n, int b, double[] k) {
        int last = n - 1;
        for (int i = 0; i < n; i += 2) {
            int a0 = i * BLOCK;
            int a1 = Math.min(i + 1, last) * BLOCK;
            for (int j = i; j < n; j += 4) {
                int c0 = j * BLOCK;
                int c1 = Math.min(j + 1, last) * BLOCK;
                int c2 = Math.min(j + 2, last) * BLOCK;
                int c3 = Math.min(j + 3, last) * BLOCK;
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                for (int q = 0; q < b; q++) {
                    double u = buf[a0 + q];
                    double v = buf[a1 + q];
                    double p0 = buf[c0 + q];
                    double p1 = buf[c1 + q];
                    double p2 = buf[c2 + q];
                    double p3 = buf[c3 + q];
                    s00 += u * p0;
                    s01 += u * p1;
                    s02 += u * p2;
                    s03 += u * p3;
                    s10 += v * p0;
                    s11 += v * p1;
                    s12 += v * p2;
                    s13 += v * p3;
                }
                int r0 = i * n + j;
                k[r0] += s00;
                if (j + 1 < n) k[r0 + 1] += s01;
                if (j + 2 < n) k[r0 + 2] += s02;
                if (j + 3 < n) k[r0 + 3] += s03;
                if (i + 1 < n) {
                    int r1 = r0 + n;
                    k[r1] += s10;
                    if (j + 1 < n) k[r1 + 1] += s11;
                    if (j + 2 < n) k[r1 + 2] += s12;
                    if (j + 3 < n) k[r1 + 3] += s13;
                }
            }
        }
    }

    /** Dot product with four partial sums (an unsplit sum is latency-bound: the JIT keeps FP order). */
    static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int q = 0;
        for (; q + 3 < len; q += 4) {
            s0 += a[ao + q] * b[bo + q];
            s1 += a[ao + q + 1] * b[bo + q + 1];
            s2 += a[ao + q + 2] * b[bo + q + 2];
            s3 += a[ao + q + 3] * b[bo + q + 3];
        }
        for (; q < len; q++) {
            s0 += a[ao + q] * b[bo + q];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static void checkShape(float[] x, int rows, int d, String name) {
        if (rows < 1 || d < 1) {
            throw new IllegalArgumentException(name + " must have at least one row and column, got " + rows + "x" + d);
        }
        if ((long) rows * d != x.length) {
            throw new IllegalArgumentException(name + " has " + x.length + " values, expected " + rows + "x" + d);
        }
    }

    private static void checkMean(double[] mean, int d) {
        if (mean.length != d) {
            throw new IllegalArgumentException("mean has " + mean.length + " values, expected " + d);
        }
    }
}
