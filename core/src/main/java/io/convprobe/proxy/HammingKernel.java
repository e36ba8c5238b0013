package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.nn.FeatureNetwork;
import io.convprobe.nn.ProbeNetwork;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;

/**
 * NASWOT's kernel (Mellor et al. 2021): for the m images of the batch, each ReLU's input gives every
 * image a binary code c (1 where the input is positive); K = Σ over ReLUs of c·cᵀ + (1−c)·(1−c)ᵀ,
 * i.e. K_ij = Σ (units − Hamming distance between the codes of images i and j). The sum over ReLUs
 * is additive, so a shared prefix's contribution can be computed once and reused
 * (the probe's prefix sweep keeps it per cached level).
 *
 * <p>Per ReLU the code Gram matrix G = c·cᵀ is one product on the engine (integer counts, exact in
 * float32 below 2²⁴ units, float64 above), then K_ij = D − G_ii − G_jj + 2·G_ij on the JVM in float64
 * (the same integers as the reference's two products).
 */
public final class HammingKernel {
    private HammingKernel() {}

    /** Most bytes of codes converted to numbers at once by {@link #contribution}. */
    public static final long CHUNK_BYTES = 16L << 20;

    /** True for the layers whose input NASWOT codes: ReLU activations. */
    public static boolean isRelu(Layer l) {
        return l instanceof Layer.Act a && a.fn() == Layer.Activation.RELU;
    }

    /** One ReLU input's binary codes (m rows, flattened), as booleans: keep these, not the activations. */
    public static NDArray codes(NDArray reluInput) {
        return reluInput.gt(0).reshape(reluInput.getShape().get(0), -1);
    }

    /**
     * The m×m kernel contribution (row-major, float64) of one ReLU's codes, given as batches of rows
     * (concatenated in order); only the first {@code m} rows are used. Consumes the batches: they
     * are closed on return.
     */
    public static double[] contribution(List<NDArray> codeBatches, int m, NDManager scratch) {
        try (NDManager w = scratch.newSubManager()) {
            NDList parts = new NDList();
            for (NDArray c : codeBatches) {
                c.attach(w);
                parts.add(c);
            }
            NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
            all.attach(w);
            if (parts.size() > 1) {
                parts.forEach(NDArray::close);
            }
            if (all.getShape().get(0) > m) {
                all = all.get("0:" + m);
                all.attach(w);
            }
            long rows = all.getShape().get(0);
            long d = all.getShape().get(1);
            DataType type = d < (1L << 24) ? DataType.FLOAT32 : DataType.FLOAT64;
            // G in blocks of columns: the codes as floats at once were 128 × d × 4 bytes (145 MB for a
            // 32×94×94 ReLU, a first 3x96x96 network's NASWOT passed a 1 GiB budget by it). Each block's
            // counts are integers, so their sum is exact and the same as one product's (see the class comment).
            long columns = Math.max(1, CHUNK_BYTES / (type.getNumOfBytes() * Math.max(1, rows)));
            NDArray g = null;
            for (long c0 = 0; c0 < d; c0 += columns) {
                try (NDManager part = w.newSubManager()) {
                    NDArray block = all.get(":, " + c0 + ":" + Math.min(d, c0 + columns));
                    block.attach(part);
                    NDArray x = block.toType(type, false);
                    NDArray gp = x.matMul(x.transpose());
                    if (g == null) {
                        gp.attach(w);
                        g = gp;
                    } else {
                        g.addi(gp);
                    }
                }
            }
            double[] gv = g.toType(DataType.FLOAT64, false).toDoubleArray();
            double[] k = new double[m * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    k[i * m + j] = d - gv[i * m + i] - gv[j * m + j] + 2 * gv[i * m + j];
                }
            }
            return k;
        }
    }

    /** a += b (same length). */
    public static void add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }

    /**
     * The kernel computed from scratch: the network of (spec, seed, trial) on the first m images of
     * {@code images}, in batches of {@code batchSize} as the probe runs them (the same values as the
     * sweep's), codes taken at every ReLU's input.
     */
    public static double[] standalone(ArchSummary s, long seed, int trial, NDArray images, int m, int batchSize,
            NDManager parent) {
        try (NDManager scope = parent.newSubManager();
                FeatureNetwork net = ProbeNetwork.create(s.spec(), s.input(), scope, seed, trial)) {
            int ops = s.layers().size();
            List<List<NDArray>> codes = new ArrayList<>();
            for (int i = 0; i < ops; i++) {
                codes.add(new ArrayList<>());
            }
            FeatureNetwork.OpObserver atRelus = (i, op, input) -> {
                if (isRelu(op.layer())) {
                    NDArray c = codes(input);
                    c.attach(scope);
                    codes.get(i).add(c);
                }
            };
            for (long from = 0; from < m; from += batchSize) {
                try (NDManager w = scope.newSubManager()) {
                    NDArray x = images.get(from + ":" + Math.min(m, from + batchSize));
                    x.attach(w);
                    net.trace(x, atRelus); // results land in w (x's manager), freed per batch
                }
            }
            double[] k = new double[m * m];
            for (List<NDArray> c : codes) {
                if (!c.isEmpty()) {
                    add(k, contribution(c, m, scope));
                }
            }
            return k;
        }
    }

    /**
     * log|det K| of the m×m matrix (LU with partial pivoting, as numpy's {@code slogdet}); NaN when
     * K is singular (−∞: no ReLU, or two images with identical codes everywhere).
     */
    public static double logAbsDet(double[] k, int m) {
        DMatrixRMaj a = new DMatrixRMaj(m, m, true, k.clone());
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        if (!lu.decompose(a)) {
            return Double.NaN;
        }
        DMatrixRMaj u = lu.getLU();
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += Math.log(Math.abs(u.get(i, i)));
        }
        return Double.isFinite(sum) ? sum : Double.NaN;
    }
}
