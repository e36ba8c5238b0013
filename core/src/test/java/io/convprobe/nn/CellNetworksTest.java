package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Nb201Notation;
import io.convprobe.arch.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DJL cell networks against PyTorch builds of NAS-Bench-201's TinyNetwork
 * ({@code tools/make_nb201_fixtures.py}, Debian's torch 1.13): parameter counts and order, block
 * shapes, and logits with the same deterministic weights in both, in evaluation and training mode.
 */
public class CellNetworksTest {
    static final Shape CIFAR = Shape.chw(3, 32, 32);

    static JsonNode fixtures() throws IOException {
        try (InputStream in = CellNetworksTest.class.getResourceAsStream("nb201_fixtures.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static GraphSpec graph(String arch, int c, int n) {
        return Nb201Notation.parse("nb201:C" + c + ":N" + n + ":" + arch).toGraph(10);
    }

    @Test
    void shapesParamsAndLogitsMatchPyTorch() throws IOException {
        JsonNode f = fixtures();
        int[] dims = new int[4];
        for (int i = 0; i < 4; i++) {
            dims[i] = f.get("input").get(i).asInt();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(fixtureInput(dims), new ai.djl.ndarray.types.Shape(dims[0], dims[1], dims[2], dims[3]));
            for (JsonNode c : f.get("cases")) {
                String what = c.get("arch").asText() + " C" + c.get("C") + " N" + c.get("N");
                GraphSpec g = graph(c.get("arch").asText(), c.get("C").asInt(), c.get("N").asInt());
                GraphInference.GraphSummary s = GraphInference.infer(g, CIFAR);
                assertThat(s.params()).as(what).isEqualTo(c.get("params").asLong());
                List<String> shapes = new ArrayList<>();
                for (GraphInference.BlockInfo b : s.blocks()) {
                    shapes.add(b.output().dims().toString());
                }
                List<String> expected = new ArrayList<>();
                c.get("block_shapes").forEach(e -> expected.add(e.toString().replace(",", ", ")));
                assertThat(shapes).as(what).isEqualTo(expected);

                SequentialBlock net = CellNetworks.create(g, CIFAR, m, 0, 0);
                assertThat(Networks.parameterCount(net)).as(what).isEqualTo(c.get("params").asLong());
                List<Parameter> params = CellNetworks.learnable(net);
                assertThat(params).hasSize(c.get("param_shapes").size());
                for (int k = 0; k < params.size(); k++) {
                    long[] shape = params.get(k).getArray().getShape().getShape();
                    long[] want = new ObjectMapper().convertValue(c.get("param_shapes").get(k), long[].class);
                    assertThat(shape).as(what + " parameter " + k).containsExactly(want);
                }
                setFixtureWeights(params);
                assertClose(what + " eval", forward(net, m, x, false), c.get("eval_logits"));
                assertClose(what + " train", forward(net, m, x, true), c.get("train_logits"));
            }
        }
        JsonNode big = f.get("full_size");
        assertThat(GraphInference.infer(graph(big.get("arch").asText(), 16, 5), CIFAR).params())
                .isEqualTo(big.get("params").asLong());
    }

    @Test
    void initIsPyTorchsDefaultAndDeterministic() {
        GraphSpec g = graph("|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|", 4, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            List<Parameter> a = CellNetworks.learnable(CellNetworks.create(g, CIFAR, m, 3, 0));
            List<Parameter> b = CellNetworks.learnable(CellNetworks.create(g, CIFAR, m, 3, 0));
            List<Parameter> other = CellNetworks.learnable(CellNetworks.create(g, CIFAR, m, 3, 1));
            assertThat(a.get(0).getArray().toFloatArray()).containsExactly(b.get(0).getArray().toFloatArray());
            assertThat(a.get(0).getArray().toFloatArray()).isNotEqualTo(other.get(0).getArray().toFloatArray());
            for (Parameter p : a) {
                float[] v = p.getArray().toFloatArray();
                long[] shape = p.getArray().getShape().getShape();
                if (shape.length > 1) {
                    double bound = 1 / Math.sqrt((double) v.length / shape[0]);
                    double max = 0;
                    for (float e : v) {
                        max = Math.max(max, Math.abs(e));
                    }
                    assertThat(max).as(p.getName()).isLessThanOrEqualTo(bound).isGreaterThan(0.8 * bound);
                } else if (p.getName().equals("gamma")) {
                    assertThat(v).containsOnly(1f);
                } else if (p.getName().equals("beta")) {
                    assertThat(v).containsOnly(0f);
                }
            }
        }
    }

    private static float[] forward(SequentialBlock net, NDManager m, NDArray x, boolean training) {
        NDList y = net.forward(new ParameterStore(m, false), new NDList(x), training);
        return y.singletonOrThrow().toFloatArray();
    }

    private static void assertClose(String what, float[] got, JsonNode want) {
        assertThat(got).as(what).hasSize(want.size());
        double scale = 0;
        for (JsonNode w : want) {
            scale = Math.max(scale, Math.abs(w.asDouble()));
        }
        for (int i = 0; i < got.length; i++) {
            // float32 rounding through a few dozen layers, in a different summation order
            assertThat((double) got[i]).as(what + " logit " + i).isCloseTo(want.get(i).asDouble(),
                    org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, scale)));
        }
    }

    /** The generator's formula: parameter k's element i in the scale of PyTorch's init. */
    public static void setFixtureWeights(List<Parameter> params) {
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            long[] shape = p.getArray().getShape().getShape();
            int n = Math.toIntExact(p.getArray().size());
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                double s = Math.sin(0.5 * k + 0.37 * i + 0.1);
                if (shape.length > 1) {
                    v[i] = (float) (s / Math.sqrt((double) n / shape[0]));
                } else {
                    v[i] = (float) (p.getName().equals("gamma") ? 1 + 0.1 * s : 0.1 * s);
                }
            }
            p.getArray().set(FloatBuffer.wrap(v));
        }
    }

    private static float[] fixtureInput(int[] d) {
        float[] v = new float[d[0] * d[1] * d[2] * d[3]];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) Math.sin(0.013 * j + 0.5);
        }
        return v;
    }
}
