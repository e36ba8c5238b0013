package io.convprobe.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import io.convprobe.UserException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The gradient self-check: before a process takes its first float32 gradient, a small fixed
 * convolutional network's float32 weight gradients are compared with the same network's float64
 * ones. float64 does not run on oneDNN's float32 kernels, so it is the reference.
 *
 * <p>Why: libtorch 2.7.1's oneDNN convolution backward with AVX-512 kernels gives wrong and
 * non-repeatable float32 weight gradients on the AVX-512 CPUs this project runs on (NaN or 10-20 %
 * off; docs/design.md, "Gradients and the CPU's instruction sets"). The launcher, Surefire and the Spark executors
 * cap oneDNN at AVX ({@link CpuIsa}); a process that ran forward convolutions at the full
 * instruction set before it asked for gradients, or whose user set another cap, is what the check
 * stops from computing garbage.
 *
 * <p>Two small networks ({@link Network}: the case that showed the AVX-512 fault, and one with
 * channel counts that are not multiples of 8, which showed the AVX2 fault), cross-entropy of a
 * linear head on a batch of 64 1×28×28 images. The fault is intermittent (from one process to the
 * next, and from pass to pass), so the check runs {@link #REPEATS} backward passes; all must agree
 * with float64 within float32 rounding.
 */
public final class GradientCheck {
    /** Backward passes compared; each takes a few milliseconds. */
    public static final int REPEATS = 8;
    /**
     * Largest accepted relative error, ‖g32 − g64‖ / ‖g64‖ per weight tensor. float32 rounding over
     * these sums is about 1e-7 to 1e-6; the fault is 1e-1 or NaN. 1e-4 sits between with room.
     */
    public static final double TOLERANCE = 1e-4;

    /**
     * DJL allows one open gradient collector per JVM ("already collecting" otherwise), and Spark
     * runs several tasks in one executor JVM: every forward/backward with a collector holds this.
     */
    public static final Object COLLECTOR_LOCK = new Object();

    private static final int BATCH = 64;
    private static final int SIDE = 28;
    private static final int CLASSES = 10;

    /** Weight gradients of one backward pass, flattened per tensor: conv1, conv2, head. */
    public interface Source {
        List<double[]> gradients(DataType type);

        /** A name per tensor, in the order of {@link #gradients}. */
        List<String> tensors();
    }

    /** The outcome: passed or not, the worst relative error over all repeats and tensors, and where. */
    public record Result(boolean passed, double worstError, int repeats, String where, boolean repeatable) {
        public String describe() {
            String err = Double.isNaN(worstError) ? "NaN" : String.format(java.util.Locale.ROOT, "%.1e", worstError);
            return (passed ? "passed" : "FAILED") + " (" + repeats + " float32 backward passes against float64, worst "
                    + "relative error " + err + (passed ? "" : " in " + where) + ", tolerance "
                    + String.format(java.util.Locale.ROOT, "%.0e", TOLERANCE) + "; float32 passes "
                    + (repeatable ? "bitwise identical" : "NOT bitwise identical") + ")";
        }
    }

    private static Result done; // this process's result, once run

    private GradientCheck() {}

    /**
     * Runs the check once per process (later calls return at once) and refuses to go on when it
     * fails: a {@link UserException} (one line, exit code 2) naming the CPU, the oneDNN setting in
     * force and the fix. Call before the first float32 gradient of any kind.
     */
    public static void require() {
        Result r = result();
        if (!r.passed()) {
            throw new UserException(failureMessage(r));
        }
    }

    /**
     * This process's result, running the check the first time: after capping oneDNN as every
     * gradient-taking process is capped (in time while nothing has run a convolution yet).
     */
    public static synchronized Result result() {
        if (done == null) {
            CpuIsa.capForGradients();
            done = run(new Both(), REPEATS);
        }
        return done;
    }

    /**
     * For {@code --version}: the CPU, and the oneDNN setting that commands taking gradients run
     * under with the self-check's result.
     */
    public static String[] versionLines() {
        String cpu = "CPU " + CpuIsa.cpuModel() + (CpuIsa.hasAvx512() ? ", AVX-512" : ", no AVX-512");
        String check;
        try {
            check = result().describe();
        } catch (RuntimeException | LinkageError e) {
            check = "did not run (" + e + ")";
        }
        return new String[] {cpu, "oneDNN for gradients " + CpuIsa.setting() + ", self-check " + check};
    }

    /** Compares {@code repeats} float32 backward passes of {@code source} with its float64 pass. */
    public static Result run(Source source, int repeats) {
        List<double[]> reference = source.gradients(DataType.FLOAT64);
        double worst = 0;
        String where = "";
        List<double[]> first = null;
        boolean repeatable = true;
        for (int r = 0; r < repeats; r++) {
            List<double[]> g = source.gradients(DataType.FLOAT32);
            if (first == null) {
                first = g;
            }
            for (int t = 0; t < reference.size(); t++) {
                repeatable &= java.util.Arrays.equals(g.get(t), first.get(t));
                double e = relativeError(g.get(t), reference.get(t));
                if (Double.isNaN(e) || e > worst) {
                    worst = e;
                    where = source.tensors().get(t) + " weight gradient, pass " + (r + 1);
                    if (Double.isNaN(e)) {
                        return new Result(false, e, r + 1, where, false);
                    }
                }
            }
        }
        return new Result(worst <= TOLERANCE, worst, repeats, where, repeatable);
    }

    /** ‖a − b‖ / ‖b‖; NaN when {@code a} has a non-finite value (or {@code b} is zero). */
    static double relativeError(double[] a, double[] b) {
        if (a.length != b.length) {
            return Double.NaN;
        }
        double diff = 0;
        double ref = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                return Double.NaN;
            }
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            ref += b[i] * b[i];
        }
        return ref == 0 ? Double.NaN : Math.sqrt(diff / ref);
    }

    static String failureMessage(Result r) {
        String err = Double.isNaN(r.worstError()) ? "NaN" : String.format(java.util.Locale.ROOT, "%.2g", r.worstError());
        return "the gradient self-check failed on this CPU (" + CpuIsa.cpuModel() + ", "
                + (CpuIsa.hasAvx512() ? "AVX-512" : "no AVX-512") + "; oneDNN setting " + CpuIsa.setting()
                + "): float32 weight gradients differ from float64 (relative error " + err + " in " + r.where()
                + ", tolerance " + String.format(java.util.Locale.ROOT, "%.0e", TOLERANCE)
                + "); fix: set DNNL_MAX_CPU_ISA=" + CpuIsa.CAP + " in the environment before Java starts (./convprobe does this "
                + "for every command that takes gradients)";
    }

    /**
     * The fixed networks, each with weights uniform in ±1/√fan_in (PyTorch's default bound) and
     * images and labels from a fixed seed, so every run compares the same numbers:
     * <ul>
     * <li>{@code plain}: conv 1→8 k3, ReLU, conv 8→8 k3, ReLU, linear head — the case that showed
     *     the AVX-512 fault (8 channels padded to oneDNN's 16-wide blocks);
     * <li>{@code odd}: conv 1→6 k5 s2, ReLU, max-pool 2, conv 6→8 k3 d2 p1, GELU, conv 8→4 k3,
     *     ReLU, linear head — channel counts that are not multiples of 8, which the AVX2 kernels
     *     pad and got wrong on the same CPU (grad_norm 0.149 instead of 0.184, or NaN).
     * </ul>
     */
    static final class Network implements Source {
        /** One conv: in, out, kernel, stride, dilation, padding, then the op after it. */
        private record Conv(int in, int out, int k, int s, int d, int p, String then) {}

        private static final List<Conv> PLAIN = List.of(new Conv(1, 8, 3, 1, 1, 0, "relu"), new Conv(8, 8, 3, 1, 1, 0, "relu"));
        private static final List<Conv> ODD = List.of(new Conv(1, 6, 5, 2, 1, 0, "relu-max2"),
                new Conv(6, 8, 3, 1, 2, 1, "gelu"), new Conv(8, 4, 3, 1, 1, 0, "relu"));

        private final List<Conv> convs;
        private final String name;
        private final List<float[]> weights = new ArrayList<>();
        private final float[] images = pixels(4, BATCH * SIDE * SIDE);
        private final float[] onehot = onehot(5);
        private final int features;

        Network() {
            this("plain", PLAIN, 8 * 24 * 24);
        }

        static Network odd() {
            return new Network("odd", ODD, 4 * 2 * 2);
        }

        private Network(String name, List<Conv> convs, int features) {
            this.name = name;
            this.convs = convs;
            this.features = features;
            int seed = 1;
            for (Conv c : convs) {
                int fanIn = c.in() * c.k() * c.k();
                weights.add(uniform(seed++, c.out() * fanIn, 1 / Math.sqrt(fanIn)));
            }
            weights.add(uniform(seed, CLASSES * features, 1 / Math.sqrt(features)));
        }

        @Override
        public List<String> tensors() {
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= convs.size(); i++) {
                out.add(name + " network conv" + i);
            }
            out.add(name + " network head");
            return out;
        }

        @Override
        public List<double[]> gradients(DataType type) {
            try (NDManager m = NDManager.newBaseManager()) {
                List<NDArray> w = new ArrayList<>();
                for (int i = 0; i < convs.size(); i++) {
                    Conv c = convs.get(i);
                    w.add(m.create(weights.get(i), new Shape(c.out(), c.in(), c.k(), c.k())).toType(type, false));
                }
                w.add(m.create(weights.get(convs.size()), new Shape(CLASSES, features)).toType(type, false));
                NDArray x = m.create(images, new Shape(BATCH, 1, SIDE, SIDE)).toType(type, false);
                NDArray target = m.create(onehot, new Shape(BATCH, CLASSES)).toType(type, false);
                w.forEach(a -> a.setRequiresGradient(true));
                synchronized (COLLECTOR_LOCK) {
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray h = x;
                        for (int i = 0; i < convs.size(); i++) {
                            Conv c = convs.get(i);
                            h = Conv2d.conv2d(h, w.get(i), null, new Shape(c.s(), c.s()), new Shape(c.p(), c.p()),
                                    new Shape(c.d(), c.d())).singletonOrThrow();
                            h = c.then().startsWith("gelu") ? Activation.gelu(h) : Activation.relu(h);
                            if (c.then().endsWith("max2")) {
                                h = Pool.maxPool2d(h, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
                            }
                        }
                        NDArray logits = h.reshape(BATCH, -1).matMul(w.get(convs.size()).transpose());
                        NDArray loss = logits.logSoftmax(1).mul(target).sum().neg().div(BATCH);
                        gc.backward(loss);
                    }
                }
                List<double[]> out = new ArrayList<>();
                for (NDArray a : w) {
                    out.add(a.getGradient().toType(DataType.FLOAT64, false).toDoubleArray());
                }
                return out;
            }
        }

        private static float[] uniform(long seed, int n, double bound) {
            Random r = new Random(seed);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
            }
            return v;
        }

        /** Values in [0, 1), like images scaled by 1/255. */
        private static float[] pixels(long seed, int n) {
            Random r = new Random(seed);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextFloat();
            }
            return v;
        }

        private static float[] onehot(long seed) {
            Random r = new Random(seed);
            float[] v = new float[BATCH * CLASSES];
            for (int i = 0; i < BATCH; i++) {
                v[i * CLASSES + r.nextInt(CLASSES)] = 1f;
            }
            return v;
        }
    }

    /** Both networks as one source: their tensors one after the other. */
    static final class Both implements Source {
        private final Network plain = new Network();
        private final Network odd = Network.odd();

        @Override
        public List<String> tensors() {
            List<String> out = new ArrayList<>(plain.tensors());
            out.addAll(odd.tensors());
            return out;
        }

        @Override
        public List<double[]> gradients(DataType type) {
            List<double[]> out = new ArrayList<>(plain.gradients(type));
            out.addAll(odd.gradients(type));
            return out;
        }
    }
}
