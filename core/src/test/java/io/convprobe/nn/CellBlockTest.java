package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.convprobe.arch.GraphOp;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellBlockTest {
    @Test
    void identityEdgeAddsTheInput() {
        // out = conv(x) + x: with the conv's weights zeroed the block is the identity
        GraphSpec g = new GraphSpec("res", List.of(new GraphSpec.Block("res", 2, List.of(
                new GraphSpec.Edge(0, 1, List.of(new GraphOp.Conv(2, 3, 1, 1))), new GraphSpec.Edge(0, 1, List.of())))));
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = CellNetworks.create(g, Shape.chw(2, 5, 5), m, 0, 0);
            CellNetworks.learnable(net).get(0).getArray().set(java.nio.FloatBuffer.wrap(new float[2 * 2 * 9]));
            NDArray x = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(3, 2, 5, 5));
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertThat(y.toFloatArray()).containsExactly(x.toFloatArray());
        }
    }

    @Test
    void averagePoolCanLeavePaddingOut() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ones = m.ones(new ai.djl.ndarray.types.Shape(1, 2, 4, 4));
            // every window averages ones only: 1 everywhere, corners included (padding would give 4/9)
            assertThat(CellBlock.avgPoolExcludingPad(ones, new GraphOp.AvgPool(3, 1, 1, false)).toFloatArray())
                    .containsOnly(1f);
        }
    }
}
