package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.convprobe.nn.GradientCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * A random-weight network whose scored weights track gradients, for one backward pass of a
 * gradient proxy: a chain ({@link ChainGradNetwork}: the probe network plus an optional random
 * head) or a cell network ({@link CellProxyNetwork}: NAS-Bench-201's own network with its
 * classifier). All its arrays — weights, activations, gradients — live in {@link #manager()},
 * closed by {@link #close}.
 *
 * <p>Each proxy builds a fresh network per backward pass: DJL's PyTorch gradient collector does not
 * zero gradients between passes (docs/design.md), and fresh leaves sidestep that entirely.
 */
interface GradNetwork extends AutoCloseable {
    /** One weight tensor (flattened) and its gradient. */
    record WeightGrad(double[] weight, double[] grad) {}

    NDManager manager();

    /** The weights that require gradients, in the reference's order (conv weights, then linear). */
    List<NDArray> weights();

    /** The network's output on {@code x} (features or logits); intermediates in {@code x}'s manager. */
    NDArray forward(NDArray x);

    @Override
    void close();

    /** Mean cross-entropy of {@code logits} (N×K) against {@code labels}, as {@code nn.CrossEntropyLoss()}. */
    static NDArray crossEntropy(NDArray logits, int[] labels, int from) {
        long n = logits.getShape().get(0);
        int k = (int) logits.getShape().get(1);
        float[] onehot = new float[(int) n * k];
        for (int i = 0; i < n; i++) {
            onehot[i * k + labels[from + i]] = 1f;
        }
        // DJL's PtNDArray.oneHot is unsupported (docs/design.md): a JVM one-hot times log-softmax
        NDArray target = logits.getManager().create(onehot, new Shape(n, k)).toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(target).sum().neg().div(n);
    }

    /**
     * Weights and gradients of the cross-entropy of rows [from, to) of the input's images under a
     * fresh network in {@code type} (logits from the network's classifier or a random head seeded
     * per (spec, seed, trial), the same for every batch).
     */
    static List<WeightGrad> labelledGradients(ProxyInput in, long from, long to, DataType type) {
        try (NDManager scope = in.manager().newSubManager();
                GradNetwork net = in.network().gradients(ProxyNetwork.Pass.LABELLED, type, scope, in.numClasses())) {
            NDArray x = in.images().get(new NDIndex("{}:{}", from, to));
            x.attach(net.manager());
            x = x.toType(type, false);
            synchronized (GradientCheck.COLLECTOR_LOCK) { // one open collector per JVM
                try (GradientCollector gc = scope.getEngine().newGradientCollector()) {
                    NDArray loss = crossEntropy(net.forward(x), in.labels(), (int) from);
                    gc.backward(loss);
                }
            }
            List<WeightGrad> out = new ArrayList<>();
            for (NDArray w : net.weights()) {
                out.add(new WeightGrad(w.toType(DataType.FLOAT64, false).toDoubleArray(),
                        w.getGradient().toType(DataType.FLOAT64, false).toDoubleArray()));
            }
            return out;
        }
    }
}
