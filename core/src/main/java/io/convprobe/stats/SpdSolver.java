package io.convprobe.stats;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Solves (A + αI)·Z = B for a symmetric positive semi-definite A by Cholesky, as sklearn's
 * {@code linalg.solve(..., assume_a="pos")} does, one factorisation for all right-hand sides
 * ({@link Cholesky}). If the factorisation fails (only possible through rounding, or with α = 0),
 * EJML's Cholesky is tried, then an SVD pseudo-inverse, which is what sklearn's fallback to its 'svd'
 * solver amounts to for the same regularised system.
 */
final class SpdSolver {
    private SpdSolver() {
    }

    /**
     * @param a  size×size row-major; not modified
     * @param b  size×cols row-major right-hand sides
     * @return Z, size×cols row-major
     */
    static double[] solve(double[] a, int size, double alpha, double[] b, int cols) {
        double[] fast = Cholesky.solve(a, size, alpha, b, cols); // the same factorisation, vectorised (Cholesky)
        if (fast != null && allFinite(fast)) {
            return fast;
        }
        DMatrixRMaj lhs = new DMatrixRMaj(size, size);
        System.arraycopy(a, 0, lhs.data, 0, size * size);
        for (int i = 0; i < size; i++) {
            lhs.data[i * size + i] += alpha;
        }
        DMatrixRMaj rhs = DMatrixRMaj.wrap(size, cols, b);
        DMatrixRMaj z = new DMatrixRMaj(size, cols);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.symmPosDef(size);
        // setA may overwrite its argument, so keep a copy for the fallback only when one is needed.
        DMatrixRMaj backup = chol.modifiesA() ? lhs.copy() : lhs;
        if (chol.setA(lhs)) {
            chol.solve(rhs, z);
            if (allFinite(z.data)) {
                return z.data;
            }
        }
        LinearSolverDense<DMatrixRMaj> svd = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!svd.setA(backup)) {
            throw new ArithmeticException("ridge system could not be solved (SVD failed)");
        }
        svd.solve(rhs, z);
        return z.data;
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
