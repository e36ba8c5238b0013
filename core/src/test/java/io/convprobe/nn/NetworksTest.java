package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecException;
import io.convprobe.arch.SpecFormat;
import org.junit.jupiter.api.Test;

class NetworksTest {
    private static final Shape IN = Shape.chw(3, 32, 32);

    @Test
    void djlNetworkHasInferredShapeAndParameterCount() {
        ArchSpec spec = SpecFormat.parse("c16k3p1-bn-relu-max2-c32k5s1d2-gelu-avg2s2p1-drop0.25-flat-fc64-tanh-fc10");
        ArchSummary s = ShapeInference.infer(spec, IN);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = Networks.create(spec, IN, m, 1, 0);
            assertThat(Networks.parameterCount(net)).isEqualTo(s.params());
            NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(2)));
            NDList y = net.forward(new ParameterStore(m, false), new NDList(x), false);
            assertThat(y.singletonOrThrow().getShape().getShape()).containsExactly(2, 10);
        }
    }

    @Test
    void publishedPicksHaveThePublishedParameterCountsInDjl() {
        Shape in = Shape.chw(3, 96, 96);
        try (NDManager m = NDManager.newBaseManager()) {
            ArchSpec spec = SpecFormat.parse("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1").withHead(10);
            assertThat(Networks.parameterCount(Networks.create(spec, in, m, 0, 0))).isEqualTo(143_306);
            spec = SpecFormat.parse("ch=128 ks=9,9,7 st=2,2,1 di=2,1,1").withHead(10);
            assertThat(Networks.parameterCount(Networks.create(spec, in, m, 0, 0))).isEqualTo(2_289_418);
        }
    }

    @Test
    void initFollowsPyTorchBoundsPerLayer() {
        ArchSpec spec = SpecFormat.parse("c32k5-relu-c16k3d2-relu-flat-fc10");
        ArchSummary s = ShapeInference.infer(spec, IN);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = Networks.create(spec, IN, m, 7, 0);
            long[] fanIns = {3 * 5 * 5, 32 * 3 * 3, s.layers().get(4).output().elements()};
            int[] layerIdx = {0, 2, 5};
            for (int j = 0; j < 3; j++) {
                double bound = 1 / Math.sqrt(fanIns[j]);
                for (Pair<String, Parameter> p : net.getChildren().get(layerIdx[j]).getValue().getParameters()) {
                    float[] v = p.getValue().getArray().toFloatArray();
                    double max = 0;
                    double sq = 0;
                    for (float f : v) {
                        max = Math.max(max, Math.abs(f));
                        sq += f * f;
                    }
                    assertThat(max).as("layer %d %s", layerIdx[j], p.getKey()).isLessThanOrEqualTo(bound);
                    if (v.length >= 1000) { // uniform(-b, b) has variance b²/3
                        assertThat(sq / v.length).isCloseTo(bound * bound / 3, org.assertj.core.data.Percentage.withPercentage(10));
                        assertThat(max).isGreaterThan(0.95 * bound);
                    }
                }
            }
        }
    }

    @Test
    void sameSeedSameWeightsOtherTrialOtherWeights() {
        ArchSummary s = ShapeInference.infer(SpecFormat.parse("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1"), Shape.chw(3, 96, 96));
        assertThat(TorchInit.forLayer(s, 2, 5, 0).weight()).isEqualTo(TorchInit.forLayer(s, 2, 5, 0).weight());
        assertThat(TorchInit.forLayer(s, 2, 5, 1).weight()).isNotEqualTo(TorchInit.forLayer(s, 2, 5, 0).weight());
        assertThat(TorchInit.forLayer(s, 2, 6, 0).weight()).isNotEqualTo(TorchInit.forLayer(s, 2, 5, 0).weight());
    }

    @Test
    void sharedPrefixesShareWeightsAndDifferentPrefixesDoNot() {
        Shape in = Shape.chw(3, 96, 96);
        ArchSummary a = ShapeInference.infer(SpecFormat.parse("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1"), in);
        ArchSummary b = ShapeInference.infer(SpecFormat.parse("ch=32 ks=7,3,9 st=2,1,1 di=1,3,2"), in);
        ArchSummary c = ShapeInference.infer(SpecFormat.parse("ch=32 ks=7,5,5 st=2,1,2 di=1,3,1"), in);
        assertThat(TorchInit.forLayer(a, 0, 1, 0).weight()).isEqualTo(TorchInit.forLayer(b, 0, 1, 0).weight());
        assertThat(TorchInit.forLayer(a, 2, 1, 0).weight()).isEqualTo(TorchInit.forLayer(b, 2, 1, 0).weight());
        assertThat(TorchInit.forLayer(a, 2, 1, 0).bias()).isEqualTo(TorchInit.forLayer(b, 2, 1, 0).bias());
        // the third conv has the same shape in a and c, but its prefix differs: fresh weights
        assertThat(TorchInit.forLayer(a, 4, 1, 0).weight()).isNotEqualTo(TorchInit.forLayer(c, 4, 1, 0).weight());
    }

    @Test
    void impossibleSpecFailsBeforeTheEngine() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> Networks.create(SpecFormat.parse("c8k9d3-relu-c8k9d3"), Shape.chw(1, 28, 28), m, 0, 0))
                    .isInstanceOf(SpecException.class).hasMessageContaining("layer 2");
        }
    }
}
