package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.LayerInfo;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import org.junit.jupiter.api.Test;

class ProbeLayerTest {
    private static final Shape IN = Shape.chw(3, 11, 9);

    private static ArchSummary summary(String spec) {
        return ShapeInference.infer(SpecFormat.parse(spec), IN);
    }

    private static NDArray images(NDManager m, int n) {
        return m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(n)));
    }

    @Test
    void everyLayerGivesTheShapeInferenceShapeAndTheParameterCount() {
        Shape in = Shape.chw(3, 23, 19);
        ArchSummary s = ShapeInference.infer(
                SpecFormat.parse("c6k3s2d1p1-relu-max2-c5k2d2-gelu-avg3s1p1-drop0.3-c4k1nb-tanh-identity-sigmoid-flat"), in);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray cur = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(in.withBatch(2)));
            for (int i = 0; i < s.layers().size(); i++) {
                LayerInfo info = s.layers().get(i);
                try (NDManager lm = m.newSubManager()) {
                    ProbeLayer op = ProbeLayer.create(s, i, lm, 4, 1);
                    assertThat(op.layer()).isEqualTo(info.layer());
                    // the layer's own arrays are its weights: as many values as the layer has parameters
                    long params = lm.getManagedArrays().stream().mapToLong(a -> ((NDArray) a).size()).sum();
                    assertThat(params).as("layer %d", i).isEqualTo(info.params());
                    NDArray next = op.apply(cur);
                    next.attach(m);
                    cur = next;
                }
                assertThat(cur.getShape().getShape()).as("layer %d", i).containsExactly(info.output().withBatch(2));
                if (info.layer() instanceof Layer.Conv c) {
                    LayerWeights w = TorchInit.forLayer(s, i, 4, 1);
                    assertThat(w.weightShape()).containsExactly(c.outChannels(), info.input().channels(), c.kernel(), c.kernel());
                    assertThat(w.bias() == null).isEqualTo(!c.bias());
                }
            }
        }
    }

    /** PyTorch's cross-correlation (zero padding, stride, dilation, bias) written out on the JVM. */
    private static double[] conv(float[] x, int c, int h, int w, float[] wt, float[] bias, int o, int k, int st, int di,
            int pa, int ho, int wo) {
        double[] out = new double[o * ho * wo];
        for (int oc = 0; oc < o; oc++) {
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    double sum = bias == null ? 0 : bias[oc];
                    for (int ic = 0; ic < c; ic++) {
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                int y = i * st - pa + a * di;
                                int xx = j * st - pa + b * di;
                                if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                    sum += (double) x[(ic * h + y) * w + xx] * wt[((oc * c + ic) * k + a) * k + b];
                                }
                            }
                        }
                    }
                    out[(oc * ho + i) * wo + j] = sum;
                }
            }
        }
        return out;
    }

    @Test
    void aConvIsPyTorchsCrossCorrelationWithTheSeededPyTorchInit() {
        ArchSummary s = summary("c4k3s2d2p2");
        Layer.Conv c = (Layer.Conv) s.layers().get(0).layer();
        LayerWeights w = TorchInit.forLayer(s, 0, 7, 3);
        // PyTorch's default Conv2d init: weight and bias uniform in ±1/sqrt(fan_in)
        double bound = 1 / Math.sqrt(3.0 * 3 * 3);
        for (float v : w.weight()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        }
        for (float v : w.bias()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        }
        Shape out = s.layers().get(0).output();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = images(m, 1);
            ProbeLayer op = ProbeLayer.create(s, 0, m, 7, 3);
            assertThat(op.algorithm()).isEqualTo(ConvAlgorithm.DIRECT);
            float[] got = op.apply(x).toFloatArray();
            double[] want = conv(x.toFloatArray(), 3, 11, 9, w.weight(), w.bias(), c.outChannels(), 3, 2, 2, 2,
                    out.height(), out.width());
            assertThat(got).hasSize(want.length);
            for (int i = 0; i < want.length; i++) {
                assertThat((double) got[i]).isCloseTo(want[i], within(1e-5));
            }
            ProbeLayer fft = op.withFft();
            assertThat(fft.algorithm()).isEqualTo(ConvAlgorithm.FFT);
            assertThat(fft.withFft()).isSameAs(fft);
            float[] viaFft = fft.apply(x).toFloatArray();
            for (int i = 0; i < want.length; i++) {
                assertThat((double) viaFft[i]).isCloseTo(want[i], within(1e-4));
            }
        }
    }

    @Test
    void averagePoolingCountsThePaddingAndMaxPoolingFloors() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ones = m.ones(new ai.djl.ndarray.types.Shape(1, 1, 5, 5));
            ProbeLayer avg = ProbeLayer.of(new Layer.Pool(Layer.PoolKind.AVG, 3, 2, 1), null, null);
            NDArray a = avg.apply(ones);
            assertThat(a.getShape().getShape()).containsExactly(1, 1, 3, 3);
            assertThat((double) a.getFloat(0, 0, 0, 0)).as("corner: 4 ones of 9 cells").isCloseTo(4.0 / 9, within(1e-6));
            assertThat((double) a.getFloat(0, 0, 1, 1)).isCloseTo(1.0, within(1e-6));
            NDArray mx = ProbeLayer.of(new Layer.Pool(Layer.PoolKind.MAX, 2, 2, 0), null, null).apply(ones);
            assertThat(mx.getShape().getShape()).containsExactly(1, 1, 2, 2);
        }
    }

    @Test
    void identityLayersReturnTheirInputItself() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = images(m, 1);
            for (Layer l : SpecFormat.parse("drop0.5-identity").layers()) {
                ProbeLayer op = ProbeLayer.of(l, null, null);
                assertThat(op.isIdentity()).isTrue();
                assertThat(op.apply(x)).isSameAs(x);
            }
            ProbeLayer relu = ProbeLayer.of(new Layer.Act(Layer.Activation.RELU), null, null);
            assertThat(relu.isIdentity()).isFalse();
            assertThat(relu.apply(x)).isNotSameAs(x);
        }
    }

    @Test
    void randomTimingWeightsHaveTheLayersShapesAndPyTorchsBound() {
        LayerShape shape = new LayerShape(Shape.chw(5, 8, 8), SpecFormat.parse("c7k3").layers().get(0));
        try (NDManager m = NDManager.newBaseManager()) {
            ProbeLayer op = ProbeLayer.random(shape, m);
            NDArray out = op.apply(m.zeros(new ai.djl.ndarray.types.Shape(2, 5, 8, 8)));
            assertThat(out.getShape().getShape()).containsExactly(2, 7, 6, 6);
            // zero input: the output is the bias, drawn within ±1/sqrt(5·3·3)
            float bound = (float) (1 / Math.sqrt(45.0));
            for (float v : out.toFloatArray()) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
            }
            assertThat(m.getManagedArrays()).hasSizeGreaterThanOrEqualTo(2); // weight and bias live in m
        }
    }

    @Test
    void refusesLayersTheProbeDoesNotRunAndMismatchedWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ProbeLayer.of(new Layer.BatchNorm(), null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bn");
            assertThatThrownBy(() -> ProbeLayer.of(new Layer.Linear(10, true), null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fc10");
            Layer conv = SpecFormat.parse("c4k3").layers().get(0);
            assertThatThrownBy(() -> ProbeLayer.of(conv, null, null)).isInstanceOf(IllegalArgumentException.class);
            NDArray w = m.zeros(new ai.djl.ndarray.types.Shape(4, 3, 3, 3));
            assertThatThrownBy(() -> ProbeLayer.of(new Layer.Act(Layer.Activation.RELU), w, null))
                    .isInstanceOf(IllegalArgumentException.class);
            ArchSpec bad = SpecFormat.parse("c4k3-relu-bn");
            assertThatThrownBy(() -> ProbeLayer.requireProbeable(bad)).isInstanceOf(UserException.class)
                    .hasMessageContaining("layer 2 (bn)");
            ArchSummary s = ShapeInference.infer(bad, IN);
            assertThatThrownBy(() -> ProbeLayer.create(s, 2, m, 0, 0)).isInstanceOf(UserException.class);
            ProbeLayer.create(s, 0, m, 0, 0); // the layers before it are fine
        }
    }
}
