package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.convprobe.arch.GraphSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The functional cell network against the PyTorch fixtures ({@code tools/make_nb201_fixtures.py}):
 * batch norm from running statistics = PyTorch's evaluation mode, from the batch = training mode;
 * and against the DJL blocks with the default initialisation.
 */
class GraphNetworkTest {
    @Test
    void matchesPyTorchInBothBatchNormModes() throws IOException {
        JsonNode f = CellNetworksTest.fixtures();
        int[] d = new int[4];
        for (int i = 0; i < 4; i++) {
            d[i] = f.get("input").get(i).asInt();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(input(d), new ai.djl.ndarray.types.Shape(d[0], d[1], d[2], d[3]));
            for (JsonNode c : f.get("cases")) {
                String what = c.get("arch").asText() + " C" + c.get("C") + " N" + c.get("N");
                GraphSpec g = CellNetworksTest.graph(c.get("arch").asText(), c.get("C").asInt(), c.get("N").asInt());
                SequentialBlock net = CellNetworks.create(g, CellNetworksTest.CIFAR, m, 0, 0);
                List<Parameter> params = CellNetworks.learnable(net);
                CellNetworksTest.setFixtureWeights(params);
                List<float[]> values = new ArrayList<>();
                for (Parameter p : params) {
                    values.add(p.getArray().toFloatArray());
                }
                for (GraphNetwork.Norm norm : new GraphNetwork.Norm[] {GraphNetwork.Norm.RUNNING, GraphNetwork.Norm.BATCH}) {
                    try (NDManager s = m.newSubManager();
                            GraphNetwork gn = GraphNetwork.of(g, CellNetworksTest.CIFAR, values, s, DataType.FLOAT32, norm,
                                    false, false)) {
                        NDArray in = x.duplicate();
                        in.attach(s);
                        float[] got = gn.forward(in, GraphNetwork.Tap.LOGITS, GraphNetwork.ReluObserver.NONE).toFloatArray();
                        JsonNode want = c.get(norm == GraphNetwork.Norm.RUNNING ? "eval_logits" : "train_logits");
                        assertThat(got).hasSize(want.size());
                        for (int i = 0; i < got.length; i++) {
                            assertThat((double) got[i]).as(what + " " + norm + " logit " + i)
                                    .isCloseTo(want.get(i).asDouble(), org.assertj.core.data.Offset.offset(1e-5));
                        }
                    }
                }
            }
        }
    }

    @Test
    void defaultInitEqualsTheDjlBlocksAndTapsHaveTheirShapes() {
        GraphSpec g = CellNetworksTest.graph(
                "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|", 4, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(3, 3, 32, 32));
            SequentialBlock net = CellNetworks.create(g, CellNetworksTest.CIFAR, m, 7, 2);
            float[] blocks = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow()
                    .toFloatArray();
            try (GraphNetwork gn = GraphNetwork.create(g, CellNetworksTest.CIFAR, 7, 2, m, DataType.FLOAT32,
                    GraphNetwork.Norm.BATCH, false, false)) {
                float[] functional = gn.forward(x, GraphNetwork.Tap.LOGITS, GraphNetwork.ReluObserver.NONE).toFloatArray();
                for (int i = 0; i < blocks.length; i++) {
                    assertThat(functional[i]).isCloseTo(blocks[i], org.assertj.core.data.Offset.offset(1e-5f));
                }
                assertThat(gn.forward(x, GraphNetwork.Tap.POOLED, GraphNetwork.ReluObserver.NONE).getShape().getShape())
                        .containsExactly(3, 16);
                assertThat(gn.forward(x, GraphNetwork.Tap.LAST_CELL, GraphNetwork.ReluObserver.NONE).getShape().getShape())
                        .containsExactly(3, 16 * 8 * 8);
                assertThat(gn.weights()).hasSize(1 + 3 * 3 + 2 * 3 + 1); // stem, 3 convs × 3 cells, 2 reductions × 3, classifier
            }
        }
    }

    private static float[] input(int[] d) {
        float[] v = new float[d[0] * d[1] * d[2] * d[3]];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) Math.sin(0.013 * j + 0.5);
        }
        return v;
    }
}
