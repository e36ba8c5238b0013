package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.proxy.Proxies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one screen estimate: its parts add up the same way for the dry-run, the demo and the shards. */
class ScreenEstimateTest {
    private static final Shape IN = Shape.chw(1, 12, 12);
    private static final ProbeSettings SETTINGS = new ProbeSettings(100, 50, 3, 25, 0, 0, 32, 0.3);
    private static final List<ArchSpec> SPECS = List.of(SpecFormat.parse("c4k3-relu-c4k3-relu"),
            SpecFormat.parse("c4k3-relu-c4k5-relu"), SpecFormat.parse("c4k3-relu"));

    private static ScreenEstimate estimate(double proxyEach, boolean tableKept) {
        CostModel model = new CostModel(1e-9, 1e-3, LayerTimings.nominal(1e-9)); // nothing to measure
        return new ScreenEstimate(model, IN, SETTINGS, Proxies.parse("ridge,synflow"), proxyEach, tableKept);
    }

    @Test
    void trialZeroAndLaterTrialsAddTheProxiesOfTheNetworksNotCut() {
        ScreenEstimate e = estimate(0.5, false);
        ScreenEstimate.Cost c = e.of(SPECS);
        CostModel.Estimate work = e.model().estimate(SPECS, IN, SETTINGS, e.proxies());
        assertThat(c.work()).isEqualTo(work);
        assertThat(work.cut()).isZero(); // no minimum throughput
        assertThat(c.proxySeconds()).isEqualTo(0.5 * 3);
        // the table's measuring, when the search redoes it: here it measured exactly these specs' layer shapes
        LayerTimings t = e.model().table();
        assertThat(t.measuredCount()).isEqualTo(6);
        assertThat(c.tableSeconds()).isEqualTo(t.measureSeconds());
        // a shorter list pays its share: its distinct layer shapes at the mean cost of a measured row
        assertThat(e.of(SPECS.subList(2, 3)).tableSeconds()).isCloseTo(2 * t.measureSeconds() / 6, within(1e-12));
        assertThat(c.trial0()).isCloseTo(work.seconds() + 1.5 + c.tableSeconds(), within(1e-12));
        assertThat(c.laterTrial()).isCloseTo(work.laterTrialSeconds() + 1.5, within(1e-12));
        assertThat(c.all()).isCloseTo(c.trial0() + 2 * c.laterTrial(), within(1e-12));
        // a shard: the same trial 0 without the table, in core-seconds
        assertThat(e.shardCoreSeconds(SPECS, 4)).isCloseTo(4 * (work.seconds() + 1.5), within(1e-12));
        ScreenEstimate.Cost kept = estimate(0.5, true).of(SPECS); // rows kept in the run's store: not measured again
        assertThat(kept.tableSeconds()).isZero();
        assertThat(kept.trial0()).isCloseTo(c.trial0() - c.tableSeconds(), within(1e-12));
    }

    @Test
    void cutNetworksPayNoProxies() {
        ProbeSettings strict = new ProbeSettings(100, 50, 3, 25, 1e12, 0, 32, 0.3); // every network below the cut
        CostModel model = new CostModel(1e-9, 1e-3, LayerTimings.nominal(1e-9));
        ScreenEstimate.Cost c = new ScreenEstimate(model, IN, strict, Proxies.parse("synflow"), 0.5, false).of(SPECS);
        assertThat(c.work().cut()).isEqualTo(3);
        assertThat(c.proxySeconds()).isZero();
    }

    @Test
    void spreadTakesTheEndsAndEvenSteps() {
        List<ArchSpec> many = new java.util.ArrayList<>();
        for (int k = 1; k <= 9; k++) {
            many.add(SpecFormat.parse("c" + k + "k3-relu"));
        }
        assertThat(ScreenEstimate.spread(many, 5)).containsExactly(many.get(0), many.get(2), many.get(4), many.get(6),
                many.get(8));
        assertThat(ScreenEstimate.spread(many.subList(0, 3), 5)).containsExactlyElementsOf(many.subList(0, 3));
        assertThat(ScreenEstimate.spread(many.subList(0, 1), 5)).containsExactly(many.get(0));
        assertThat(ScreenEstimate.spread(List.of(), 5)).isEmpty();
    }
}
