package io.convprobe.stats;

/**
 * A ridge classifier fitted from a precomputed centred Gram matrix: decision(z) = C(z)·a + yOffset,
 * where C(z) = (z − μ)·X_cᵀ is the centred cross-Gram of z with the n training samples
 * ({@link GramMatrix#centredCrossGram}). Equal to the primal model's decision values in exact
 * arithmetic; lets callers compute both Gram matrices elsewhere (e.g. with the engine's matmul).
 *
 * @param targets    the classes and their ±1 coding
 * @param samples    n, the number of training samples
 * @param dualCoef   n×columns() row-major dual coefficients a
 * @param yOffset    column means of the ±1 targets (the intercept in centred coordinates)
 * @param fitSeconds wall time of the solve (the Gram matrix was computed by the caller)
 */
public record KernelRidgeModel(
        OneVsAllTargets targets, int samples, double[] dualCoef, double[] yOffset, double fitSeconds) {

    public int columns() {
        return yOffset.length;
    }

    /** Decision values, m×columns() row-major, from the m×n row-major centred cross-Gram. */
    public double[] decisionFromCrossGram(double[] crossGram, int m) {
        int n = samples;
        int t = columns();
        if ((long) m * n != crossGram.length) {
            throw new IllegalArgumentException("cross-Gram has " + crossGram.length + " values, expected " + m + "x" + n);
        }
        double[] out = new double[m * t];
        // Row by row, all columns at once, so dualCoef is read along its rows; each sum still adds
        // its terms in ascending i from 0, then yOffset: the same bits as one column at a time.
        double[] s = new double[t];
        for (int r = 0; r < m; r++) {
            java.util.Arrays.fill(s, 0);
            int ro = r * n;
            for (int i = 0; i < n; i++) {
                double g = crossGram[ro + i];
                int io = i * t;
                for (int c = 0; c < t; c++) {
                    s[c] += g * dualCoef[io + c];
                }
            }
            for (int c = 0; c < t; c++) {
                out[r * t + c] = s[c] + yOffset[c];
            }
        }
        return out;
    }

    public int[] predictFromCrossGram(double[] crossGram, int m) {
        return targets.decode(decisionFromCrossGram(crossGram, m), m);
    }

    public double accuracyPercentFromCrossGram(double[] crossGram, int m, int[] labels) {
        return OneVsAllTargets.accuracyPercent(predictFromCrossGram(crossGram, m), labels);
    }
}
