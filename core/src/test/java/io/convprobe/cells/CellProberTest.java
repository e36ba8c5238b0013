package io.convprobe.cells;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.Nb201Notation;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.data.Catalog;
import io.convprobe.data.Dataset;
import io.convprobe.data.DatasetResolver;
import io.convprobe.nn.GraphNetwork;
import io.convprobe.proxy.Proxies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cell prober on tiny cells and the embedded sample: every score, repeatable, per readout. */
class CellProberTest {
    private static final Nb201Spec SPEC = Nb201Notation.parse(
            "nb201:C4:N1:|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|");

    @Test
    void everyScoreRepeatsBitForBitAndTrialsDiffer() {
        List<CellProber.Readout> readouts = List.of(CellProber.Readout.DEFAULT,
                new CellProber.Readout(GraphNetwork.Tap.LAST_CELL, GraphNetwork.Norm.RUNNING));
        try (Dataset ds = DatasetResolver.standard(null, System.err).open(Catalog.EMBEDDED, null);
                CellProber p = new CellProber(ds, new CellProber.Settings(80, 80, 0, 32), Proxies.parse("all"), readouts)) {
            CellProber.Trial a = p.probe(SPEC, 0);
            CellProber.Trial b = p.probe(SPEC, 0);
            CellProber.Trial other = p.probe(SPEC, 1);
            assertThat(a.scores().keySet()).containsExactly("ridge", "ridge.last_cell.running", "naswot", "synflow",
                    "grad_norm", "snip", "jacob_cov", "zico", "params", "macs", "features");
            assertThat(a.scores()).isEqualTo(b.scores());
            assertThat(a.scores().values()).allMatch(Double::isFinite);
            assertThat(a.scores().get("ridge")).isBetween(0.0, 100.0);
            assertThat(other.scores().get("synflow")).isNotEqualTo(a.scores().get("synflow"));
            assertThat(a.scores().get("params")).isEqualTo(other.scores().get("params"));
            assertThat(a.seconds().keySet()).isEqualTo(a.scores().keySet());
        }
    }
}
