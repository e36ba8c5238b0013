package io.convprobe.proxy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Shape;
import io.convprobe.nn.CellNetworks;
import io.convprobe.nn.GradientCheck;
import io.convprobe.nn.GraphNetwork;
import java.util.List;

/**
 * A cell network (NAS-Bench-201's) for the proxies, run as their reference implementations
 * (zero-cost-nas, NASLib) run it on NAS-Bench-201: the whole network with its own classifier, batch
 * norm in training mode (statistics of the batch) for grad_norm, snip, jacob_cov, zico and NASWOT,
 * and without batch norm for synflow ({@code bn=False}). The scored weights are every conv's and the
 * classifier's (the reference's {@code nn.Conv2d} and {@code nn.Linear} modules), including convs
 * on paths that cannot reach the output (they get zero gradient, as in the reference).
 */
record CellProxyNetwork(GraphSpec spec, Shape input, List<float[]> values) implements ProxyNetwork {
    /** The network of (spec, seed, trial): PyTorch-default values ({@link CellNetworks#initialValues}). */
    CellProxyNetwork(GraphSpec spec, Shape input, long seed, int trial) {
        this(spec, input, CellNetworks.initialValues(spec, input, seed, trial));
    }

    @Override
    public long params() {
        return summary().params();
    }

    @Override
    public long macs() {
        return summary().macs();
    }

    /** The classifier's input (the pooled channels): what the ridge probe's default tap fits. */
    @Override
    public long features() {
        return summary().blocks().get(summary().blocks().size() - 2).output().channels();
    }

    private GraphInference.GraphSummary summary() {
        return GraphInference.infer(spec, input);
    }

    @Override
    public DataType labelledType(DataType wanted) {
        return DataType.FLOAT32;
    }

    @Override
    public GradNetwork gradients(Pass pass, DataType type, NDManager parent, int classes) {
        if (type == DataType.FLOAT32) {
            GradientCheck.require(); // float32 gradients are wrong under oneDNN's AVX-512 kernels (docs/design.md)
        }
        GraphNetwork.Norm norm = pass == Pass.SYNFLOW ? GraphNetwork.Norm.OFF : GraphNetwork.Norm.BATCH;
        GraphNetwork net = GraphNetwork.of(spec, input, values, parent, type, norm, pass == Pass.SYNFLOW, true);
        return new GradNetwork() {
            @Override
            public NDManager manager() {
                return net.manager();
            }

            @Override
            public List<NDArray> weights() {
                return net.weights();
            }

            @Override
            public NDArray forward(NDArray x) {
                return net.forward(x, GraphNetwork.Tap.LOGITS, GraphNetwork.ReluObserver.NONE);
            }

            @Override
            public void close() {
                net.close();
            }
        };
    }

    /**
     * NASWOT on the cell network in training mode, as its reference runs it: batch norm sees the
     * batch's statistics, so the m images go through as one batch whatever {@code batchSize} says,
     * and each ReLU's codes are folded into the kernel as soon as they exist.
     */
    @Override
    public double[] naswotKernel(NDArray images, int m, int batchSize, NDManager parent) {
        double[] k = new double[m * m];
        try (NDManager scope = parent.newSubManager();
                GraphNetwork net = GraphNetwork.of(spec, input, values, scope, DataType.FLOAT32, GraphNetwork.Norm.BATCH,
                        false, false)) {
            NDArray x = images.get("0:" + m);
            x.attach(scope);
            net.forward(x, GraphNetwork.Tap.LOGITS, in -> HammingKernel.add(k,
                    HammingKernel.contribution(List.of(HammingKernel.codes(in)), m, scope)));
        }
        return k;
    }
}
