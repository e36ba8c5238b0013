package io.convprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.GraphInference;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import org.junit.jupiter.api.Test;

class ArchTextTest {
    @Test
    void aChainPrintsOneRowPerLayerAndItsTotals() {
        ArchSummary s = ShapeInference.infer(SpecFormat.parse("c8k3-relu-c4k3s2-relu"), Shape.parse("1x28x28"));
        String t = ArchText.table(s);
        assertThat(t.lines().filter(l -> l.contains("c8k3") || l.contains("c4k3s2"))).hasSize(2);
        assertThat(t).contains("params " + String.format("%,d", s.params())).contains("4x12x12");
        ObjectNode j = ArchText.json(s);
        assertThat(j.get("params").asLong()).isEqualTo(8 * 9 + 8 + 4 * 8 * 9 + 4);
        assertThat(j.get("layers")).hasSize(4);
        assertThat(j.get("output_shape").asText()).isEqualTo("4x12x12");
    }

    @Test
    void aCellNetworkPrintsOneRowPerBlock() {
        var nb = SpecFormat.parseNb201("nb201:C4:N1:|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|none~2|");
        GraphInference.GraphSummary s = GraphInference.infer(nb.toGraph(10), Shape.parse("3x32x32"));
        ObjectNode j = ArchText.json(s);
        assertThat(j.get("blocks")).hasSize(1 + 1 + 1 + 1 + 1 + 1 + 1); // stem, 3 cells, 2 reductions, head
        assertThat(j.get("params").asLong()).isEqualTo(s.params());
        assertThat(ArchText.table(s)).contains(String.format("%,d", s.params()));
    }
}
