package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.convprobe.nn.GradientCheck;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * {@code jacob_cov} (Mellor et al., "Neural Architecture Search without Training", arXiv v1 2020,
 * as a zero-cost proxy in Abdelfattah et al. 2021; reference code github.com/SamsungLabs/zero-cost-nas,
 * {@code foresight/pruners/measures/jacob_cov.py}): the input Jacobian of one batch of the first 64
 * train images — per image J = ∂(Σ outputs)/∂x, the reference's {@code y.backward(ones_like(y))} —
 * flattened to 64 rows; the eigenvalues λ of the rows' correlation matrix ({@code np.corrcoef});
 * score = −Σ [log(λ + 1e-5) + 1/(λ + 1e-5)]. No labels.
 *
 * <p>Differences from the reference: its network ends in a classifier; ours is the probe network
 * (the flattened features, no head), per the issue. It uses {@code np.linalg.eig} on the symmetric
 * matrix; we use a symmetric eigensolver (the same real eigenvalues). NaN when a row is constant
 * (a zero Jacobian: the correlation is undefined) or an eigenvalue is below −1e-5.
 */
final class JacobCovProxy implements Proxy {
    private static final double K = 1e-5;

    @Override
    public String name() {
        return "jacob_cov";
    }

    @Override
    public Gradients gradients() {
        return Gradients.FLOAT32;
    }

    @Override
    public double score(ProxyInput in) {
        long[] r = in.labelledRange(0);
        int n = (int) (r[1] - r[0]);
        if (n < 2) {
            return Double.NaN;
        }
        float[] jac;
        try (NDManager scope = in.manager().newSubManager();
                GradNetwork net = in.network().gradients(ProxyNetwork.Pass.JACOBIAN, DataType.FLOAT32, scope, 0)) {
            NDArray x = in.images().get(r[0] + ":" + r[1]).duplicate();
            x.attach(net.manager());
            x.setRequiresGradient(true);
            synchronized (GradientCheck.COLLECTOR_LOCK) {
                try (GradientCollector gc = scope.getEngine().newGradientCollector()) {
                    gc.backward(net.forward(x).sum());
                }
            }
            jac = x.getGradient().toFloatArray();
        }
        return score(jac, n);
    }

    /** The score of n Jacobian rows (row-major, {@code jac.length / n} columns). */
    static double score(float[] jac, int n) {
        int d = jac.length / n;
        double[][] c = new double[n][d];
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int j = 0; j < d; j++) {
                mean += jac[i * d + j];
            }
            mean /= d;
            double ss = 0;
            for (int j = 0; j < d; j++) {
                double v = jac[i * d + j] - mean;
                c[i][j] = v;
                ss += v * v;
            }
            if (ss == 0) {
                return Double.NaN;
            }
            norm[i] = Math.sqrt(ss);
        }
        DMatrixRMaj corr = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += c[i][k] * c[j][k];
                }
                double v = Math.max(-1, Math.min(1, dot / (norm[i] * norm[j])));
                corr.set(i, j, v);
                corr.set(j, i, v);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(corr)) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            double l = eig.getEigenvalue(i).real + K;
            s += Math.log(l) + 1 / l;
        }
        return Double.isFinite(s) ? -s : Double.NaN;
    }
}
