package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Shape;

/**
 * The network one proxy input scores, as the proxies need it: its counts, gradient-tracking
 * copies for each kind of backward pass, and NASWOT's kernel. Two kinds: a chain of the screen's
 * spaces ({@link #chain}: the random-weight probe network, no head of its own) and a cell network
 * ({@link #cell}: NAS-Bench-201's network with its batch norms and classifier, run as the
 * proxies' reference implementations run it). The proxies' formulas are written once against this.
 */
public interface ProxyNetwork {
    /** What a gradient pass is for; each kind of network decides what that means for it. */
    enum Pass {
        /** Cross-entropy on labelled images (grad_norm, snip, zico): needs logits. */
        LABELLED,
        /** The input Jacobian of the summed output (jacob_cov). */
        JACOBIAN,
        /** Synflow: absolute weights, float64, one all-ones image. */
        SYNFLOW
    }

    /** The input shape (C×H×W). */
    Shape input();

    /** Trainable parameters. */
    long params();

    /** Multiply-accumulates per image. */
    long macs();

    /** Length of the features the ridge probe fits. */
    long features();

    /**
     * The precision a labelled pass that asked for {@code wanted} runs in. Chains: as asked (ZiCo's
     * float64 keeps the default screen free of oneDNN's float32 backward, docs/design.md). Cell
     * networks: float32, as the references run them: their batch-norm networks are screened with
     * the AVX cap anyway, and libtorch's float64 convolutions are 5-10 times slower here.
     */
    default DataType labelledType(DataType wanted) {
        return wanted;
    }

    /** A fresh gradient-tracking network for one backward pass of {@code pass}, in a sub-manager of {@code parent}. */
    GradNetwork gradients(Pass pass, DataType type, NDManager parent, int classes);

    /**
     * NASWOT's m×m kernel from scratch: codes at every ReLU's input over the first m images, in
     * batches of {@code batchSize}.
     */
    double[] naswotKernel(NDArray images, int m, int batchSize, NDManager parent);

    /** A chain's probe network of (summary, seed, trial). */
    static ProxyNetwork chain(ArchSummary summary, long seed, int trial) {
        return new ChainProxyNetwork(summary, seed, trial);
    }

    /** A cell network of (spec, seed, trial) on {@code input}, batch norm as the reference proxies run it. */
    static ProxyNetwork cell(GraphSpec spec, Shape input, long seed, int trial) {
        return new CellProxyNetwork(spec, input, seed, trial);
    }

    /** A cell network with the given parameter values ({@link io.convprobe.nn.CellNetworks#initialValues}' order). */
    static ProxyNetwork cell(GraphSpec spec, Shape input, java.util.List<float[]> values) {
        return new CellProxyNetwork(spec, input, values);
    }
}
