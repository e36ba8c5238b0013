package io.convprobe.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.nn.LayerWeights;
import io.convprobe.nn.ProbeNetwork;
import io.convprobe.nn.TorchInit;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradNetworkTest {
    private static final Shape IN = Shape.chw(3, 9, 9);
    private static final ArchSummary S = ShapeInference.infer(SpecFormat.parse("c4k3s2-relu-max2s1-c3k3-gelu"), IN);
    private static final int N = 6;
    private static final int CLASSES = 5;
    private static final int[] LABELS = {0, 3, 1, 4, 2, 3};

    private static NDArray images(NDManager m) {
        return m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(N)));
    }

    @Test
    void withoutHeadItIsTheProbeNetworkOnGradientTrackingCopiesOfItsWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = images(m);
            try (GradNetwork g = ChainGradNetwork.create(S, 11, 2, m, DataType.FLOAT32, false, 0);
                    ProbeNetwork p = ProbeNetwork.create(S.spec(), IN, m, 11, 2)) {
                List<NDArray> w = g.weights();
                assertThat(w).hasSize(2);
                assertThat(w.get(0).getShape().getShape()).containsExactly(4, 3, 3, 3);
                assertThat(w.get(1).getShape().getShape()).containsExactly(3, 4, 3, 3);
                assertThat(w).allMatch(NDArray::hasGradient);
                assertThat(w.get(1).toFloatArray()).containsExactly(TorchInit.forLayer(S, 3, 11, 2).weight());
                NDArray out = g.forward(x);
                assertThat(out.getShape().getShape()).containsExactly(N, S.features());
                assertThat(out.toFloatArray()).containsExactly(p.forward(x).toFloatArray());
            }
        }
    }

    @Test
    void absAndFloat64CopyTheSameValues() {
        try (NDManager m = NDManager.newBaseManager();
                GradNetwork g = ChainGradNetwork.create(S, 11, 2, m, DataType.FLOAT64, true, CLASSES)) {
            List<NDArray> w = g.weights();
            assertThat(w).hasSize(3).allMatch(a -> a.getDataType() == DataType.FLOAT64);
            float[] want = TorchInit.forLayer(S, 0, 11, 2).weight();
            double[] got = w.get(0).toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).isEqualTo(Math.abs((double) want[i]));
            }
            assertThat(w.get(2).getShape().getShape()).containsExactly(CLASSES, S.features());
            assertThat(java.util.Arrays.stream(w.get(2).toDoubleArray()).min().getAsDouble()).isGreaterThanOrEqualTo(0);
        }
    }

    /** Head logits and the cross-entropy gradient of the head weight, written out on the JVM in float64. */
    @Test
    void headGradientIsSoftmaxMinusOneHotTimesTheFeatures() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = images(m);
            double[] feats;
            try (GradNetwork body = ChainGradNetwork.create(S, 3, 0, m, DataType.FLOAT64, false, 0)) {
                feats = body.forward(x.toType(DataType.FLOAT64, false)).toDoubleArray();
            }
            int d = (int) S.features();
            LayerWeights h = RandomHead.initial(S, CLASSES, 3, 0);
            double[] logits = new double[N * CLASSES];
            for (int i = 0; i < N; i++) {
                for (int k = 0; k < CLASSES; k++) {
                    double z = h.bias()[k];
                    for (int j = 0; j < d; j++) {
                        z += feats[i * d + j] * h.weight()[k * d + j];
                    }
                    logits[i * CLASSES + k] = z;
                }
            }
            double loss = 0;
            double[] grad = new double[CLASSES * d];
            for (int i = 0; i < N; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < CLASSES; k++) {
                    max = Math.max(max, logits[i * CLASSES + k]);
                }
                double sum = 0;
                for (int k = 0; k < CLASSES; k++) {
                    sum += Math.exp(logits[i * CLASSES + k] - max);
                }
                loss -= logits[i * CLASSES + LABELS[i]] - max - Math.log(sum);
                for (int k = 0; k < CLASSES; k++) {
                    double p = Math.exp(logits[i * CLASSES + k] - max) / sum - (k == LABELS[i] ? 1 : 0);
                    for (int j = 0; j < d; j++) {
                        grad[k * d + j] += p * feats[i * d + j] / N;
                    }
                }
            }
            try (GradNetwork g = ChainGradNetwork.create(S, 3, 0, m, DataType.FLOAT64, false, CLASSES)) {
                NDArray z = g.forward(x.toType(DataType.FLOAT64, false));
                assertThat(z.getShape().getShape()).containsExactly(N, CLASSES);
                double[] zv = z.toDoubleArray();
                for (int i = 0; i < zv.length; i++) {
                    assertThat(zv[i]).isCloseTo(logits[i], within(1e-6));
                }
                assertThat(GradNetwork.crossEntropy(z, LABELS, 0).toDoubleArray()[0]).isCloseTo(loss / N, within(1e-9));
            }
            ProxyInput in = new ProxyInput(S, 3, 0, x, LABELS, CLASSES, 32, 50.0, null, m);
            List<GradNetwork.WeightGrad> wg = GradNetwork.labelledGradients(in, 0, N, DataType.FLOAT64);
            assertThat(wg).hasSize(3);
            double[] got = wg.get(2).grad();
            assertThat(got).hasSize(grad.length);
            for (int i = 0; i < grad.length; i++) {
                assertThat(got[i]).isCloseTo(grad[i], within(1e-9));
            }
            assertThat(wg.get(0).weight()).hasSize(4 * 3 * 3 * 3);
            assertThat(wg.get(0).grad()).hasSize(4 * 3 * 3 * 3);
            assertThat(java.util.Arrays.stream(wg.get(0).grad()).anyMatch(v -> v != 0)).as("the conv weights get a gradient").isTrue();
        }
    }
}
