package io.convprobe.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CholeskyTest {
    /** A Gram matrix X·Xᵀ of n random rows of {@code d} values: semi-definite when d < n. */
    static double[] gram(int n, int d, SplittableRandom rng) {
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = Math.max(0, rng.nextGaussian());
        }
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(x, x, k);
        return k.data;
    }

    /** (A + αI)·Z = B against EJML's solve, sizes around the panel (64) and the four-row step, A left as it was. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 4, 63, 64, 65, 131, 257})
    void solvesLikeEjml(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        int cols = 7;
        double[] a = gram(n, Math.max(1, n / 2), rng); // rank-deficient: α makes it definite, as in the ridge
        double[] b = new double[n * cols];
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextGaussian();
        }
        double[] aCopy = a.clone();
        double[] bCopy = b.clone();
        double[] z = Cholesky.solve(a, n, 1.0, b, cols);
        assertThat(a).containsExactly(aCopy);
        assertThat(b).containsExactly(bCopy);
        DMatrixRMaj lhs = DMatrixRMaj.wrap(n, n, a.clone());
        for (int i = 0; i < n; i++) {
            lhs.data[i * n + i] += 1.0;
        }
        DMatrixRMaj expected = new DMatrixRMaj(n, cols);
        assertThat(CommonOps_DDRM.solveSPD(lhs, DMatrixRMaj.wrap(n, cols, b.clone()), expected)).isTrue();
        double scale = 0;
        for (double v : expected.data) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(z).containsExactly(expected.data, org.assertj.core.data.Offset.offset(1e-11 * scale));
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteGivesNull() {
        double[] a = {1, 2, 2, 1}; // eigenvalues 3 and −1
        assertThat(Cholesky.solve(a, 2, 0, new double[] {1, 1}, 1)).isNull();
        assertThat(Cholesky.solve(new double[] {0, 0, 0, 0}, 2, 0, new double[] {1, 1}, 1)).isNull();
        assertThat(Cholesky.solve(new double[] {Double.NaN}, 1, 0, new double[] {1}, 1)).isNull();
    }

    /** The kept workspace: sizes in turn give the same answers as alone. */
    @Test
    void sizesInTurnDoNotDisturbEachOther() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] a5 = gram(5, 9, rng);
        double[] a9 = gram(9, 20, rng);
        double[] b5 = {1, 2, 3, 4, 5};
        double[] b9 = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] first = Cholesky.solve(a5, 5, 0.5, b5, 1);
        Cholesky.solve(a9, 9, 0.5, b9, 1);
        assertThat(Cholesky.solve(a5, 5, 0.5, b5, 1)).containsExactly(first);
    }
}
