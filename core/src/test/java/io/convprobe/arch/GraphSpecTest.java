package io.convprobe.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphSpecTest {
    /** A ResNet basic block with an identity shortcut: the same graph form as the cells, nothing new. */
    static GraphSpec.Block residual(int c) {
        return new GraphSpec.Block("res", 2, List.of(
                new GraphSpec.Edge(0, 1, List.of(new GraphOp.Conv(c, 3, 1, 1), new GraphOp.BatchNorm(), new GraphOp.Relu(),
                        new GraphOp.Conv(c, 3, 1, 1), new GraphOp.BatchNorm())),
                new GraphSpec.Edge(0, 1, List.of())));
    }

    @Test
    void residualBlocksAreGraphsToo() {
        GraphSpec net = new GraphSpec("resnet-ish", List.of(
                GraphSpec.Block.chain("stem", List.of(new GraphOp.Conv(8, 3, 1, 1), new GraphOp.BatchNorm(), new GraphOp.Relu())),
                residual(8), residual(8),
                GraphSpec.Block.chain("head", List.of(new GraphOp.GlobalAvgPool(), new GraphOp.Linear(10)))));
        GraphInference.GraphSummary s = GraphInference.infer(net, Shape.chw(3, 16, 16));
        assertThat(s.output()).isEqualTo(Shape.vector(10));
        long block = 2 * (8 * 8 * 9 + 16);
        assertThat(s.params()).isEqualTo(3 * 9 * 8 + 16 + 2 * block + 8 * 10 + 10);
        // the body widens the field by 4 per block; the identity edge does not shrink it
        assertThat(s.blocks()).extracting(GraphInference.BlockInfo::receptiveField).containsExactly(3, 7, 11, 11);
    }

    @Test
    void badGraphsAreOneLineErrors() {
        assertThatThrownBy(() -> new GraphSpec.Block("b", 3, List.of(new GraphSpec.Edge(2, 1, List.of()))))
                .isInstanceOf(SpecException.class).hasMessageContaining("edge 2->1");
        GraphSpec mismatch = new GraphSpec("m", List.of(new GraphSpec.Block("sum", 2, List.of(
                new GraphSpec.Edge(0, 1, List.of(new GraphOp.Conv(8, 3, 2, 1))), new GraphSpec.Edge(0, 1, List.of())))));
        assertThatThrownBy(() -> GraphInference.infer(mismatch, Shape.chw(3, 8, 8)))
                .isInstanceOf(SpecException.class)
                .hasMessage("block 0 (sum): node 1 sums 8x4x4 and 3x8x8 (edge 0->1)");
        GraphSpec flat = new GraphSpec("f", List.of(GraphSpec.Block.chain("head", List.of(new GraphOp.Linear(3)))));
        assertThatThrownBy(() -> GraphInference.infer(flat, Shape.chw(3, 8, 8))).hasMessageContaining("linear needs a flat input");
    }
}
