package io.convprobe.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.GraphOp;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A random-weight cell network ({@link GraphSpec}) applied functionally, for the probe and the
 * zero-cost proxies: its parameters are plain NDArrays (float32 or float64, optionally absolute
 * values, optionally tracking gradients) in one manager, and {@link #forward} can stop at the
 * features the ridge probe takes and shows every ReLU its input (NASWOT). {@link CellNetworks}
 * builds the same network as DJL blocks for training; both take {@link CellNetworks#initialValues},
 * so the probe, the proxies and a training run of (spec, seed, trial) start from the same weights.
 *
 * <p>Batch norm at random initialisation is a choice ({@link Norm}): the reference implementations
 * of the zero-cost proxies run NAS-Bench-201 networks in training mode (statistics of the batch),
 * synflow removes batch norm ({@code bn=False}), and a network at evaluation with fresh running
 * statistics (mean 0, variance 1) divides by √(1 + 1e-5) and is otherwise the identity.
 */
public final class GraphNetwork implements AutoCloseable {
    private static final float BN_EPS = 1e-5f;

    /** How batch norm runs. */
    public enum Norm {
        /** Normalise by the batch's own statistics (PyTorch's training mode), γ = 1, β = 0 at init. */
        BATCH,
        /** Fresh running statistics (mean 0, variance 1): PyTorch's evaluation mode at init. */
        RUNNING,
        /** Removed (the identity), as synflow's reference runs it. */
        OFF
    }

    /** Where {@link #forward} stops. */
    public enum Tap {
        /** The classifier's output (N×classes). */
        LOGITS,
        /** The head's pooled features, the classifier's input (N×channels). */
        POOLED,
        /** The last block before the head, flattened (N×C·H·W): the ridge probe's richest features. */
        LAST_CELL
    }

    /** Sees every ReLU's input (do not close it). */
    @FunctionalInterface
    public interface ReluObserver {
        ReluObserver NONE = input -> {};

        void input(NDArray input);
    }

    private final GraphSpec spec;
    private final GraphInference.GraphSummary summary;
    private final NDManager manager;
    private final Norm norm;
    private final List<List<List<NDArray[]>>> params; // [block][edge][op] → {weight, bias} or {γ, β}
    private final List<NDArray> scored = new ArrayList<>(); // conv and linear weights, reference order

    private GraphNetwork(GraphSpec spec, Shape input, NDManager manager, Norm norm, List<float[]> values,
            DataType type, boolean abs, boolean gradients) {
        this.spec = spec;
        this.summary = GraphInference.infer(spec, input);
        this.manager = manager;
        this.norm = norm;
        this.params = new ArrayList<>();
        int next = 0;
        for (int b = 0; b < spec.blocks().size(); b++) {
            GraphSpec.Block block = spec.blocks().get(b);
            List<List<NDArray[]>> edges = new ArrayList<>();
            for (GraphSpec.Edge e : block.edges()) {
                List<NDArray[]> ops = new ArrayList<>();
                for (GraphOp op : e.ops()) {
                    if (op instanceof GraphOp.Conv c) {
                        float[] w = values.get(next++);
                        long in = w.length / ((long) c.outChannels() * c.kernel() * c.kernel()); // input channels
                        NDArray weight = array(w, new long[] {c.outChannels(), in, c.kernel(), c.kernel()}, type, abs,
                                gradients);
                        scored.add(weight);
                        ops.add(new NDArray[] {weight, null});
                    } else if (op instanceof GraphOp.BatchNorm) {
                        float[] g = values.get(next++);
                        float[] beta = values.get(next++);
                        ops.add(new NDArray[] {array(g, new long[] {g.length}, type, abs, false),
                            array(beta, new long[] {beta.length}, type, abs, false)});
                    } else if (op instanceof GraphOp.Linear fc) {
                        float[] w = values.get(next++);
                        float[] bias = values.get(next++);
                        NDArray weight = array(w, new long[] {fc.outFeatures(), w.length / fc.outFeatures()}, type, abs,
                                gradients);
                        scored.add(weight);
                        ops.add(new NDArray[] {weight, array(bias, new long[] {bias.length}, type, abs, false)});
                    } else {
                        ops.add(null);
                    }
                }
                edges.add(ops);
            }
            params.add(edges);
        }
        if (next != values.size()) {
            throw new IllegalArgumentException("the spec takes " + next + " parameter tensors, got " + values.size());
        }
    }

    /**
     * The network of (spec, seed, trial) with PyTorch-default initial values in a new sub-manager of
     * {@code parent}.
     *
     * @param abs       every parameter replaced by its absolute value (synflow)
     * @param gradients conv and linear weights track gradients
     */
    public static GraphNetwork create(GraphSpec spec, Shape input, long seed, int trial, NDManager parent,
            DataType type, Norm norm, boolean abs, boolean gradients) {
        return of(spec, input, CellNetworks.initialValues(spec, input, seed, trial), parent, type, norm, abs, gradients);
    }

    /** The network with the given parameter values ({@link CellNetworks#initialValues}' order). */
    public static GraphNetwork of(GraphSpec spec, Shape input, List<float[]> values, NDManager parent, DataType type,
            Norm norm, boolean abs, boolean gradients) {
        NDManager m = parent.newSubManager();
        try {
            return new GraphNetwork(spec, input, m, norm, values, type, abs, gradients);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private NDArray array(float[] v, long[] shape, DataType type, boolean abs, boolean gradients) {
        NDArray a;
        if (type == DataType.FLOAT64) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = abs ? Math.abs((double) v[i]) : v[i];
            }
            a = manager.create(d, new ai.djl.ndarray.types.Shape(shape));
        } else {
            float[] f = v.clone();
            if (abs) {
                for (int i = 0; i < f.length; i++) {
                    f[i] = Math.abs(f[i]);
                }
            }
            a = manager.create(f, new ai.djl.ndarray.types.Shape(shape));
        }
        if (gradients) {
            a.setRequiresGradient(true);
        }
        return a;
    }

    public GraphSpec spec() {
        return spec;
    }

    public GraphInference.GraphSummary summary() {
        return summary;
    }

    public NDManager manager() {
        return manager;
    }

    /** The conv and linear weights in the reference's order: what the gradient proxies score. */
    public List<NDArray> weights() {
        return scored;
    }

    /**
     * The network on a batch {@code x} up to {@code tap}; every intermediate stays in {@code x}'s
     * manager (a backward pass needs them; the caller's scope frees them).
     */
    public NDArray forward(NDArray x, Tap tap, ReluObserver relus) {
        NDArray body = body(x, relus);
        return tap == Tap.LAST_CELL ? body.reshape(body.getShape().get(0), -1) : head(body, tap, relus);
    }

    /** Every block but the head: the last cell's output map (N×C×H×W), intermediates in {@code x}'s manager. */
    public NDArray body(NDArray x, ReluObserver relus) {
        for (int b = 0; b < spec.blocks().size() - 1; b++) {
            x = block(b, spec.blocks().get(b), x, relus);
        }
        return x;
    }

    /** The head on {@link #body}'s output, up to {@code tap} ({@code POOLED} or {@code LOGITS}). */
    public NDArray head(NDArray body, Tap tap, ReluObserver relus) {
        GraphSpec.Block block = spec.blocks().get(spec.blocks().size() - 1);
        return head(block, body, tap, relus);
    }

    private NDArray block(int b, GraphSpec.Block block, NDArray input, ReluObserver relus) {
        // the reference computes dead edges too, so an observer (NASWOT) sees their ReLUs
        boolean[] useful = relus == ReluObserver.NONE ? block.useful() : allEdges(block);
        NDArray[] node = new NDArray[block.nodes()];
        node[0] = input;
        for (int n = 1; n < block.nodes(); n++) {
            NDArray sum = null;
            boolean any = false;
            for (int i = 0; i < block.edges().size(); i++) {
                GraphSpec.Edge e = block.edges().get(i);
                if (e.to() != n) {
                    continue;
                }
                any = true;
                if (!useful[i]) {
                    continue; // cannot reach the output: computed and discarded by the reference
                }
                NDArray y = edge(e, params.get(b).get(i), node[e.from()], relus);
                sum = sum == null ? y : sum.add(y);
            }
            if (sum == null && (!any || n == block.nodes() - 1)) {
                sum = input.zerosLike(); // every input 'none': the reference's Zero op
            }
            node[n] = sum;
        }
        return node[block.nodes() - 1];
    }

    private static boolean[] allEdges(GraphSpec.Block block) {
        boolean[] all = new boolean[block.edges().size()];
        java.util.Arrays.fill(all, true);
        return all;
    }

    /** The head block's ops up to the tap (the classifier is its last op). */
    private NDArray head(GraphSpec.Block block, NDArray x, Tap tap, ReluObserver relus) {
        GraphSpec.Edge e = block.edges().get(0);
        List<NDArray[]> p = params.get(params.size() - 1).get(0);
        for (int o = 0; o < e.ops().size(); o++) {
            GraphOp op = e.ops().get(o);
            if (op instanceof GraphOp.Linear && tap == Tap.POOLED) {
                return x;
            }
            x = apply(op, p.get(o), x, relus);
        }
        return x;
    }

    private NDArray edge(GraphSpec.Edge e, List<NDArray[]> p, NDArray x, ReluObserver relus) {
        for (int o = 0; o < e.ops().size(); o++) {
            x = apply(e.ops().get(o), p.get(o), x, relus);
        }
        return x;
    }

    private NDArray apply(GraphOp op, NDArray[] p, NDArray x, ReluObserver relus) {
        if (op instanceof GraphOp.Conv c) {
            return Conv2d.conv2d(x, p[0], null, square(c.stride()), square(c.padding()), square(1), 1).singletonOrThrow();
        } else if (op instanceof GraphOp.Relu) {
            relus.input(x);
            return Activation.relu(x);
        } else if (op instanceof GraphOp.BatchNorm) {
            return batchNorm(x, p[0], p[1]);
        } else if (op instanceof GraphOp.AvgPool a) {
            return a.countPad() || a.padding() == 0
                    ? Pool.avgPool2d(x, square(a.kernel()), square(a.stride()), square(a.padding()), false, true)
                    : CellBlock.avgPoolExcludingPad(x, a);
        } else if (op instanceof GraphOp.GlobalAvgPool) {
            return Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1));
        }
        return x.matMul(p[0].transpose()).add(p[1]); // linear
    }

    private NDArray batchNorm(NDArray x, NDArray gamma, NDArray beta) {
        if (norm == Norm.OFF) {
            return x;
        }
        // fresh running statistics; in training mode they are only scratch that batch norm updates
        long c = x.getShape().get(1);
        NDArray mean = x.getManager().zeros(new ai.djl.ndarray.types.Shape(c), x.getDataType());
        NDArray var = x.getManager().ones(new ai.djl.ndarray.types.Shape(c), x.getDataType());
        return BatchNorm.batchNorm(x, mean, var, gamma, beta, 1, 0.1f, BN_EPS, norm == Norm.BATCH).singletonOrThrow();
    }

    private static ai.djl.ndarray.types.Shape square(int v) {
        return new ai.djl.ndarray.types.Shape(v, v);
    }

    @Override
    public void close() {
        manager.close();
    }
}
