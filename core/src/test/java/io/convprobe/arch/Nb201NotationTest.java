package io.convprobe.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class Nb201NotationTest {
    static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

    @Test
    void publishedStringRoundTripsWithDefaults() {
        Nb201Spec s = Nb201Notation.parse("nb201:" + CELL);
        assertThat(s.c()).isEqualTo(16);
        assertThat(s.n()).isEqualTo(5);
        assertThat(s.ops()).containsExactly(Nb201Spec.Op.NOR_CONV_3X3, Nb201Spec.Op.NOR_CONV_3X3,
                Nb201Spec.Op.AVG_POOL_3X3, Nb201Spec.Op.SKIP_CONNECT, Nb201Spec.Op.NOR_CONV_3X3, Nb201Spec.Op.SKIP_CONNECT);
        assertThat(Nb201Notation.format(s)).isEqualTo("nb201:" + CELL);
        assertThat(s.cellString()).isEqualTo(CELL);
    }

    @Test
    void optionsInEitherOrderPrintCanonically() {
        Nb201Spec a = Nb201Notation.parse("nb201:C8:N1:" + CELL);
        Nb201Spec b = Nb201Notation.parse("  nb201:N1:C8:" + CELL + " ");
        assertThat(a).isEqualTo(b);
        assertThat(a.c()).isEqualTo(8);
        assertThat(a.n()).isEqualTo(1);
        assertThat(Nb201Notation.format(a)).isEqualTo("nb201:C8:N1:" + CELL);
        // a default given explicitly is dropped when printing, so equal networks print equal
        assertThat(Nb201Notation.format(Nb201Notation.parse("nb201:C16:N1:" + CELL))).isEqualTo("nb201:N1:" + CELL);
        assertThat(Nb201Notation.parse(Nb201Notation.format(a))).isEqualTo(a);
    }

    @Test
    void everyOpParsesAndNaslibIndicesMatchTheTable() {
        for (Nb201Spec.Op op : Nb201Spec.Op.values()) {
            String cell = "|" + op.key() + "~0|+|none~0|none~1|+|none~0|none~1|none~2|";
            assertThat(Nb201Notation.parse("nb201:" + cell).ops().get(0)).isEqualTo(op);
        }
        // the shared table's own example: op_indices [0, 0, 0, 2, 2, 4]
        Nb201Spec s = Nb201Notation.parse(
                "nb201:|skip_connect~0|+|skip_connect~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|");
        // NASLib orders edges (1,2),(1,3),(1,4),(2,3),(2,4),(3,4); ours (0→1),(0→2),(1→2),(0→3),(1→3),(2→3)
        int[] ours = s.ops().stream().mapToInt(Nb201Spec.Op::naslibIndex).toArray();
        int[] naslib = {ours[0], ours[1], ours[3], ours[2], ours[4], ours[5]};
        assertThat(naslib).containsExactly(0, 0, 0, 2, 2, 4);
    }

    @Test
    void malformedStringsNameThePart() {
        List<String[]> cases = List.of(
                new String[] {"nb201:", "no cell string"},
                new String[] {"nb201:C0:" + CELL, "option 'C0' must be >= 1"},
                new String[] {"nb201:W8:" + CELL, "option 'W8' is not C<width> or N<cells>"},
                new String[] {"nb201:C8:C4:" + CELL, "option C given twice"},
                new String[] {"nb201:C8" + CELL, "must end with ':'"},
                new String[] {"nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|", "needs 3 nodes"},
                new String[] {"nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
                    "node 2 ('nor_conv_3x3~0') needs 2 inputs"},
                new String[] {"nb201:|conv_5x5~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
                    "node 1, input 0 ('conv_5x5~0'): unknown op 'conv_5x5'"},
                new String[] {"nb201:|nor_conv_3x3~0|+|nor_conv_3x3~1|avg_pool_3x3~0|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
                    "node 2, input 0 ('nor_conv_3x3~1'): inputs must be listed in order"},
                new String[] {"nb201:|nor_conv_3x3|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
                    "expected op~0"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> Nb201Notation.parse(c[0])).as(c[0])
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining(c[1])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void specFormatDispatchesAndRefusesCellsAsChains() {
        assertThat(SpecFormat.isNb201("nb201:" + CELL)).isTrue();
        assertThat(SpecFormat.isNb201("c32k3-relu")).isFalse();
        assertThat(SpecFormat.toNb201(SpecFormat.parseNb201("nb201:N1:" + CELL))).isEqualTo("nb201:N1:" + CELL);
        assertThatThrownBy(() -> SpecFormat.parse("nb201:" + CELL)).isInstanceOf(SpecException.class)
                .hasMessageContaining("cell network");
        // a malformed cell still names its own fault, not the chain parser's
        assertThatThrownBy(() -> SpecFormat.parse("nb201:|x~0|")).hasMessageContaining("needs 3 nodes");
    }
}
