package io.convprobe.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphInferenceTest {
    static final Shape CIFAR = Shape.parse("3x32x32");

    record Row(String arch, double params, double flops) {}

    /** The 245 shared architectures' NASLib counts, copied into test resources so the test is self-contained. */
    static List<Row> dev245() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                GraphInferenceTest.class.getResourceAsStream("nb201_dev245_counts.csv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.startsWith("arch,")) {
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Row(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2])));
            }
        }
        return rows;
    }

    static GraphInference.GraphSummary summary(String spec) {
        return GraphInference.infer(Nb201Notation.parse(spec).toGraph(10), CIFAR);
    }

    @Test
    void paramsAndNaslibFlopsEqualTheTableOnAll245() throws IOException {
        List<Row> rows = dev245();
        assertThat(rows).hasSize(245);
        double worstMacs = 0;
        for (Row row : rows) {
            GraphInference.GraphSummary s = summary("nb201:" + row.arch());
            // the table keeps 6 decimals of millions: exact counts agree to the last printed digit
            assertThat(s.params() / 1e6).as(row.arch()).isCloseTo(row.params(), org.assertj.core.data.Offset.offset(5e-7));
            assertThat(s.flops() / 1e6).as(row.arch()).isCloseTo(row.flops(), org.assertj.core.data.Offset.offset(5e-7));
            assertThat(s.output()).isEqualTo(Shape.vector(10));
            worstMacs = Math.max(worstMacs, 1 - s.macs() / 1e6 / row.flops());
        }
        // MACs leave out batch norm, ReLU and pooling, which NASLib's count includes (docs/design.md)
        assertThat(worstMacs).isBetween(0.40, 0.41);
    }

    @Test
    void deadPathConvsCountButDoNotReachTheOutput() {
        // edge 0→1 is a conv, but node 1 feeds nothing (1→2, 1→3 none): its weights still count
        String dead = "nb201:C4:N1:|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|";
        String cut = "nb201:C4:N1:|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|";
        GraphSpec.Block cell = Nb201Notation.parse(dead).toGraph(10).blocks().get(1);
        assertThat(cell.useful()).containsExactly(false, true);
        // one conv 3x3 + BN per cell, at 4, 8 and 16 channels
        assertThat(summary(dead).params() - summary(cut).params())
                .isEqualTo((4 * 4 * 9 + 8) + (8 * 8 * 9 + 16) + (16 * 16 * 9 + 32));
        assertThat(summary(dead).macs()).isGreaterThan(summary(cut).macs());
    }

    @Test
    void tinyNetworkBlocksAndReceptiveField() {
        GraphInference.GraphSummary s = summary(
                "nb201:C4:N1:|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|");
        assertThat(s.blocks()).extracting(b -> b.block().label())
                .containsExactly("stem", "cell", "reduce", "cell", "reduce", "cell", "head");
        assertThat(s.blocks()).extracting(GraphInference.BlockInfo::output).containsExactly(Shape.chw(4, 32, 32),
                Shape.chw(4, 32, 32), Shape.chw(8, 16, 16), Shape.chw(8, 16, 16), Shape.chw(16, 8, 8),
                Shape.chw(16, 8, 8), Shape.vector(10));
        // stem 3; the cell is skip only (its conv is dead); reduce: 3x3 s2 then 3x3 → 3+2+4 = 9; then 9+4+8 = 21
        assertThat(s.blocks()).extracting(GraphInference.BlockInfo::receptiveField).containsExactly(3, 3, 9, 9, 21, 21, 21);
        // stem 4·27 + 8; reductions and head by hand
        long stem = 4 * 27 + 8;
        long cells = (4 * 4 * 9 + 8) + (8 * 8 * 9 + 16) + (16 * 16 * 9 + 32);
        long red1 = 4 * 8 * 9 + 16 + 8 * 8 * 9 + 16 + 4 * 8;
        long red2 = 8 * 16 * 9 + 32 + 16 * 16 * 9 + 32 + 8 * 16;
        long head = 32 + 16 * 10 + 10;
        assertThat(s.params()).isEqualTo(stem + cells + red1 + red2 + head);
    }

    @Test
    void allNoneOutputIsZerosOfTheInputShape() {
        GraphInference.GraphSummary s = summary("nb201:N1:|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertThat(s.blocks().get(1).output()).isEqualTo(Shape.chw(16, 32, 32));
        assertThat(s.receptiveField()).isZero();
        assertThat(s.blocks().get(1).block().live()).containsExactly(true, true, false, false);
    }
}
