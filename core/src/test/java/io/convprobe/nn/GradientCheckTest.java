package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The self-check's decision. Its real network must pass under the cap the tests run with
 * (Surefire sets {@code DNNL_MAX_CPU_ISA=AVX}); an injected wrong gradient — the NaN or the 10-20 %
 * error oneDNN's AVX-512 backward gave — must fail, even when only one pass of several is wrong.
 */
class GradientCheckTest {
    private final GradientCheck.Source real = new GradientCheck.Both();

    /** The real network with float32 pass {@code badPass} (1-based) altered by {@code fault}. */
    private GradientCheck.Source faulty(int badPass, java.util.function.UnaryOperator<double[]> fault) {
        return new GradientCheck.Source() {
            int float32Passes;

            @Override
            public List<String> tensors() {
                return real.tensors();
            }

            @Override
            public List<double[]> gradients(DataType type) {
                List<double[]> g = real.gradients(type);
                if (type == DataType.FLOAT32 && ++float32Passes == badPass) {
                    List<double[]> out = new ArrayList<>(g);
                    out.set(0, fault.apply(g.get(0).clone()));
                    return out;
                }
                return g;
            }
        };
    }

    @Test
    void theRealNetworkPassesBitwiseRepeatably() {
        GradientCheck.Result r = GradientCheck.run(real, GradientCheck.REPEATS);
        assertThat(r.passed()).as(r.describe()).isTrue();
        assertThat(r.repeatable()).as(r.describe()).isTrue();
        // float32 against float64 is not exact: a check that compared a type with itself would read 0
        assertThat(r.worstError()).isGreaterThan(0).isLessThan(GradientCheck.TOLERANCE / 10);
    }

    @Test
    void aNanInOnePassOfEightFails() {
        GradientCheck.Result r = GradientCheck.run(faulty(5, g -> {
            g[3] = Double.NaN;
            return g;
        }), 8);
        assertThat(r.passed()).isFalse();
        assertThat(r.where()).isEqualTo("plain network conv1 weight gradient, pass 5");
        assertThat(GradientCheck.failureMessage(r))
                .contains("gradient self-check failed", "oneDNN setting", "relative error NaN", "DNNL_MAX_CPU_ISA=AVX")
                .doesNotContain("\n");
    }

    @Test
    void aGradientTenPercentOffFails() {
        GradientCheck.Result r = GradientCheck.run(faulty(8, g -> {
            for (int i = 0; i < g.length; i++) {
                g[i] *= 1.1;
            }
            return g;
        }), 8);
        assertThat(r.passed()).isFalse();
        assertThat(r.worstError()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(r.repeatable()).isFalse();
    }

    @Test
    void float32RoundingPasses() {
        // every element moved by one float32 ulp: what a correct kernel with another summation order does
        GradientCheck.Result r = GradientCheck.run(faulty(2, g -> {
            for (int i = 0; i < g.length; i++) {
                g[i] = Math.nextUp((float) g[i]);
            }
            return g;
        }), 3);
        assertThat(r.passed()).as(r.describe()).isTrue();
        assertThat(r.repeatable()).isFalse();
    }

    @Test
    void relativeError() {
        assertThat(GradientCheck.relativeError(new double[] {3, 4}, new double[] {3, 4})).isZero();
        assertThat(GradientCheck.relativeError(new double[] {3, 4.5}, new double[] {3, 4})).isCloseTo(0.1,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(GradientCheck.relativeError(new double[] {Double.POSITIVE_INFINITY, 4}, new double[] {3, 4})).isNaN();
        assertThat(GradientCheck.relativeError(new double[] {1}, new double[] {1, 2})).isNaN();
    }
}
