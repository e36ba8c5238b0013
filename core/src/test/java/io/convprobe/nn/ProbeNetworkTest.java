package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import org.junit.jupiter.api.Test;

class ProbeNetworkTest {
    private static final Shape IN = Shape.chw(3, 20, 20);

    @Test
    void functionalLayersMatchTheDjlBlockWithTheSameWeights() {
        ArchSpec spec = SpecFormat.parse("c8k3p1-relu-max2-c6k3d2-gelu-avg3s2p1-drop0.5-c5k1s1-tanh-c4k1-sigmoid");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(4)));
            SequentialBlock block = Networks.create(spec, IN, m, 3, 1);
            NDArray expected = block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            try (ProbeNetwork net = ProbeNetwork.create(spec, IN, m, 3, 1)) {
                NDArray got = net.forward(x);
                assertThat(got.getShape().getShape()).containsExactly(4, net.summary().features());
                assertThat(got.toFloatArray()).containsExactly(expected.toFloatArray(),
                        org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void batchedFeaturesEqualPerBatchForwardAndLeaveNothingBehind() {
        ArchSpec spec = SpecFormat.parse("ch=8 ks=3,3 st=2,1 di=1,2");
        try (NDManager images = NDManager.newBaseManager(); NDManager work = NDManager.newBaseManager()) {
            NDArray x = images.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(10)));
            int before = images.getManagedArrays().size();
            try (ProbeNetwork net = ProbeNetwork.create(spec, IN, work, 0, 0)) {
                NDArray all = net.features(x, 4, work);
                assertThat(all.getManager()).isSameAs(work);
                float[] direct = net.forward(x.get("0:4")).toFloatArray();
                float[] last = net.forward(x.get("8:10")).toFloatArray();
                float[] f = all.toFloatArray();
                int d = (int) net.summary().features();
                assertThat(java.util.Arrays.copyOfRange(f, 0, 4 * d)).containsExactly(direct);
                assertThat(java.util.Arrays.copyOfRange(f, 8 * d, 10 * d)).containsExactly(last);
                // the checks above sliced x directly (in images); the prober's own path must not
                assertThat(images.getManagedArrays()).hasSize(before + 4);
            }
            int afterClose = work.getManagedArrays().size();
            assertThat(afterClose).as("only the features array stays in work").isEqualTo(1);
        }
    }

    @Test
    void layersOfASharedPrefixGetTheSameWeightsAndOutputs() {
        ArchSpec a = SpecFormat.parse("c8k3s2-relu-c8k3-relu");
        ArchSpec b = SpecFormat.parse("c8k3s2-relu-c8k5d2-relu");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(2)));
            try (ProbeNetwork na = ProbeNetwork.create(a, IN, m, 9, 2); ProbeNetwork nb = ProbeNetwork.create(b, IN, m, 9, 2)) {
                NDArray pa = na.layer(1).apply(na.layer(0).apply(x));
                NDArray pb = nb.layer(1).apply(nb.layer(0).apply(x));
                assertThat(pa.toFloatArray()).containsExactly(pb.toFloatArray());
                assertThat(na.forward(x).toFloatArray()).isNotEqualTo(nb.forward(x).toFloatArray());
                assertThat(na.forwardFrom(2, pa).reshape(2, -1).toFloatArray()).containsExactly(na.forward(x).toFloatArray());
            }
        }
    }

    @Test
    void refusesBatchNormAndHeadsNamingTheLayer() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> ProbeNetwork.create(SpecFormat.parse("c8k3-bn-relu"), IN, m, 0, 0))
                    .isInstanceOf(UserException.class).hasMessageContaining("layer 1 (bn)");
            assertThatThrownBy(() -> ProbeNetwork.create(SpecFormat.parse("c8k3-relu-flat-fc10"), IN, m, 0, 0))
                    .isInstanceOf(UserException.class).hasMessageContaining("layer 3 (fc10)");
            assertThat(m.getManagedArrays()).isEmpty();
        }
    }

    @Test
    void traceShowsEveryOperationItsInputAndGivesTheForwardOutput() {
        ArchSpec spec = SpecFormat.parse("c8k3s2-relu-max2-c4k3p1-tanh-drop0.5");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(3)));
            try (ProbeNetwork net = ProbeNetwork.create(spec, IN, m, 2, 0)) {
                FeatureNetwork f = net;
                java.util.List<Integer> seen = new java.util.ArrayList<>();
                NDArray out = f.trace(x, (i, op, input) -> {
                    seen.add(i);
                    assertThat(op.layer()).isEqualTo(spec.layers().get(i));
                    assertThat(input.getShape().getShape()).containsExactly(net.summary().layers().get(i).input().withBatch(3));
                });
                assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5);
                assertThat(out.toFloatArray()).containsExactly(f.forward(x).toFloatArray());
            }
        }
    }

    @Test
    void aLayerFactoryChoosesTheWeightsOfTheSameChain() {
        ArchSpec spec = SpecFormat.parse("c4k3-relu-c2k1");
        io.convprobe.arch.ArchSummary s = io.convprobe.arch.ShapeInference.infer(spec, IN);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(IN.withBatch(2)));
            LayerFactory zeros = (summary, i, lm) -> {
                io.convprobe.arch.Layer l = summary.layers().get(i).layer();
                if (!(l instanceof io.convprobe.arch.Layer.Conv c)) {
                    return ProbeLayer.of(l, null, null);
                }
                int in = summary.layers().get(i).input().channels();
                return ProbeLayer.of(l, lm.zeros(new ai.djl.ndarray.types.Shape(c.outChannels(), in, c.kernel(), c.kernel())),
                        lm.ones(new ai.djl.ndarray.types.Shape(c.outChannels())));
            };
            try (ProbeNetwork net = ProbeNetwork.create(s, m, zeros);
                    ProbeNetwork seeded = ProbeNetwork.create(s, m, LayerFactory.seeded(1, 0))) {
                assertThat(net.forward(x).toFloatArray()).containsOnly(1f);
                assertThat(seeded.forward(x).toFloatArray()).containsExactly(
                        ProbeNetwork.create(spec, IN, m, 1, 0).forward(x).toFloatArray());
            }
        }
    }
}
