package io.convprobe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.convprobe.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A first-order optimizer over a fixed list of parameter arrays, with PyTorch's update rules and
 * state that can be saved and restored (DJL's optimizers keep their state private, so a resumed run
 * could not continue identically with them).
 *
 * <p>State: {@link #slots()} arrays per parameter (allocated once, zero-filled, in the optimizer's
 * own manager) plus the number of updates done. Call {@link #step} after the backward pass, outside
 * the gradient collector, with every temporary array in a scope the caller closes (the training loop
 * wraps each batch in an {@code NDScope}).
 */
public abstract class GradOptimizer implements AutoCloseable {
    public static final List<String> NAMES = List.of("sgd", "adam", "adamw");

    protected final List<NDArray> params;
    private final NDManager manager;
    protected final List<NDArray[]> state = new ArrayList<>();
    protected long updates;

    protected GradOptimizer(List<NDArray> params, NDManager parent) {
        this.params = List.copyOf(params);
        this.manager = parent.newSubManager();
        for (NDArray p : this.params) {
            NDArray[] s = new NDArray[slots()];
            for (int i = 0; i < s.length; i++) {
                s[i] = manager.zeros(p.getShape(), p.getDataType());
            }
            state.add(s);
        }
    }

    /** The optimizer named {@code name} with the run's hyper-parameters. */
    public static GradOptimizer create(String name, List<NDArray> params, NDManager manager, OptimizerSettings s) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sgd" -> new Sgd(params, manager, s.momentum(), s.nesterov(), s.weightDecay());
            case "adam" -> new Adam(params, manager, s.beta1(), s.beta2(), s.eps(), s.weightDecay(), false);
            case "adamw" -> new Adam(params, manager, s.beta1(), s.beta2(), s.eps(), s.weightDecay(), true);
            default -> throw new UserException("unknown optimizer '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }

    /** State arrays per parameter. */
    protected abstract int slots();

    /** Updates parameter {@code i} in place from its gradient {@code g}; {@code t} counts from 1. */
    protected abstract void update(int i, NDArray p, NDArray g, double lr, long t);

    /**
     * One update of every parameter with learning rate {@code lr}, reading the attached gradients.
     * A parameter the backward pass never reached (a cell edge cut off from the output, which the
     * network skips) has no gradient and is left alone, as PyTorch's optimizers skip a parameter
     * whose {@code grad} is None: no weight decay, no momentum (DJL's {@code getGradient} would
     * hand back zeros instead, and the decay would move it).
     */
    public void step(double lr) {
        updates++;
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            try (NDArray g = gradient(p)) {
                if (g != null) {
                    update(i, p, g, lr, updates);
                }
            }
        }
    }

    /** The attached gradient, or null when no backward pass has reached {@code p}. */
    private static NDArray gradient(NDArray p) {
        return p instanceof PtNDArray pt ? JniUtils.getGradient(pt) : p.getGradient();
    }

    /** Updates done so far. */
    public long updates() {
        return updates;
    }

    /** A copy of the state: every slot of every parameter, in parameter order. */
    public NDList stateArrays() {
        NDList out = new NDList();
        for (int i = 0; i < state.size(); i++) {
            for (int j = 0; j < state.get(i).length; j++) {
                NDArray a = state.get(i)[j];
                a.setName("p" + i + "." + j);
                out.add(a);
            }
        }
        return out;
    }

    /** Restores state saved by {@link #stateArrays} (values are copied into this optimizer's arrays). */
    public void restore(NDList saved, long updatesDone) {
        int n = params.size() * slots();
        if (saved.size() != n) {
            throw new UserException("checkpoint optimizer state has " + saved.size() + " arrays, expected " + n
                    + " (was it written by another optimizer or model?)");
        }
        int k = 0;
        for (NDArray[] s : state) {
            for (int j = 0; j < s.length; j++) {
                NDArray from = saved.get(k++);
                if (!from.getShape().equals(s[j].getShape())) {
                    throw new UserException("checkpoint optimizer state shape " + from.getShape() + " != " + s[j].getShape());
                }
                s[j].set(from.toFloatArray());
            }
        }
        this.updates = updatesDone;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Hyper-parameters shared by the optimizers (each uses the ones it needs). */
    public record OptimizerSettings(double momentum, boolean nesterov, double weightDecay, double beta1, double beta2,
            double eps) {}

    /**
     * {@code torch.optim.SGD} (dampening 0): g ← g + wd·p; buf ← μ·buf + g (buf starts at 0, so
     * the first buf is g, as in PyTorch); g ← g + μ·buf with Nesterov, else buf; p ← p − lr·g.
     */
    static final class Sgd extends GradOptimizer {
        private final double momentum;
        private final boolean nesterov;
        private final double weightDecay;

        Sgd(List<NDArray> params, NDManager manager, double momentum, boolean nesterov, double weightDecay) {
            super(params, manager);
            if (nesterov && momentum <= 0) {
                throw new UserException("Nesterov SGD needs a momentum > 0");
            }
            this.momentum = momentum;
            this.nesterov = nesterov;
            this.weightDecay = weightDecay;
        }

        @Override
        protected int slots() {
            return 1;
        }

        @Override
        protected void update(int i, NDArray p, NDArray g, double lr, long t) {
            NDArray d = weightDecay != 0 ? g.add(p.mul(weightDecay)) : g;
            if (momentum != 0) {
                NDArray buf = state.get(i)[0];
                buf.muli(momentum).addi(d);
                d = nesterov ? d.add(buf.mul(momentum)) : buf;
            }
            p.subi(d.mul(lr));
        }
    }

    /**
     * {@code torch.optim.Adam} / {@code AdamW}. Adam's weight decay is L2 added to the gradient
     * (g ← g + wd·p); AdamW's is decoupled (p ← p·(1 − lr·wd) before the step). Then
     * m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε).
     */
    static final class Adam extends GradOptimizer {
        private final double beta1;
        private final double beta2;
        private final double eps;
        private final double weightDecay;
        private final boolean decoupled;

        Adam(List<NDArray> params, NDManager manager, double beta1, double beta2, double eps, double weightDecay,
                boolean decoupled) {
            super(params, manager);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
            this.decoupled = decoupled;
        }

        @Override
        protected int slots() {
            return 2;
        }

        @Override
        protected void update(int i, NDArray p, NDArray g, double lr, long t) {
            NDArray m = state.get(i)[0];
            NDArray v = state.get(i)[1];
            if (weightDecay != 0) {
                if (decoupled) {
                    p.muli(1 - lr * weightDecay);
                } else {
                    g = g.add(p.mul(weightDecay));
                }
            }
            m.muli(beta1).addi(g.mul(1 - beta1));
            v.muli(beta2).addi(g.square().muli(1 - beta2));
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            NDArray denom = v.sqrt().divi(Math.sqrt(bc2)).addi(eps);
            p.subi(m.div(denom).muli(lr / bc1));
        }
    }
}
