package io.convprobe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One parameter vector p, loss = Σ c·p so the gradient is exactly c; two updates checked against
 * PyTorch's update rules written out in doubles.
 */
class GradOptimizerTest {
    private static final float[] P0 = {1f, -2f, 0.5f};
    private static final float[] C = {0.3f, -1.5f, 2f};

    private static float[][] run(String name, GradOptimizer.OptimizerSettings s, double lr, int steps) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(P0.clone());
            p.setRequiresGradient(true);
            NDArray c = m.create(C);
            float[][] out = new float[steps][];
            try (GradOptimizer opt = GradOptimizer.create(name, List.of(p), m, s)) {
                for (int t = 0; t < steps; t++) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(p.mul(c).sum());
                    }
                    opt.step(lr);
                    JniUtils.zeroGrad((PtNDArray) p);
                    out[t] = p.toFloatArray();
                }
                try (NDArray g = p.getGradient()) {
                    assertThat(g.toFloatArray()).containsOnly(0f);
                }
            }
            return out;
        }
    }

    @Test
    void sgdWithNesterovMomentumAndWeightDecayFollowsTorch() {
        double mu = 0.9;
        double wd = 0.01;
        double lr = 0.1;
        float[][] got = run("sgd", new GradOptimizer.OptimizerSettings(mu, true, wd, 0.9, 0.999, 1e-8), lr, 2);
        for (int i = 0; i < 3; i++) {
            double p = P0[i];
            double buf = 0;
            for (int t = 0; t < 2; t++) {
                double g = C[i] + wd * p;
                buf = t == 0 ? g : mu * buf + g;
                p -= lr * (g + mu * buf);
                assertThat((double) got[t][i]).isCloseTo(p, within(1e-6));
            }
        }
    }

    @Test
    void adamWithL2AndAdamWWithDecoupledDecayFollowTorch() {
        for (boolean decoupled : new boolean[] {false, true}) {
            double wd = 0.1;
            double lr = 0.01;
            double b1 = 0.9;
            double b2 = 0.999;
            double eps = 1e-8;
            float[][] got = run(decoupled ? "adamw" : "adam", new GradOptimizer.OptimizerSettings(0, false, wd, b1, b2, eps),
                    lr, 3);
            for (int i = 0; i < 3; i++) {
                double p = P0[i];
                double m = 0;
                double v = 0;
                for (int t = 1; t <= 3; t++) {
                    double g = C[i];
                    if (decoupled) {
                        p *= 1 - lr * wd;
                    } else {
                        g += wd * p;
                    }
                    m = b1 * m + (1 - b1) * g;
                    v = b2 * v + (1 - b2) * g * g;
                    double mhat = m / (1 - Math.pow(b1, t));
                    double vhat = v / (1 - Math.pow(b2, t));
                    p -= lr * mhat / (Math.sqrt(vhat) + eps);
                    assertThat((double) got[t - 1][i]).as("%s t=%d", decoupled ? "adamw" : "adam", t)
                            .isCloseTo(p, within(1e-6));
                }
            }
        }
    }
}
