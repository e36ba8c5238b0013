package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTiming;
import io.convprobe.probe.LayerTimings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final Shape IN = Shape.chw(1, 12, 12);

    private static List<ArchSpec> specs(String... s) {
        return java.util.Arrays.stream(s).map(SpecFormat::parse).toList();
    }

    /** A table with given seconds per image for every layer of the specs (no measuring: the timer is never asked). */
    private static LayerTimings table(LayerTimings.Choice choice, Map<String, LayerTiming> byKey, List<ArchSpec> specs) {
        Map<LayerShape, LayerTiming> rows = new HashMap<>();
        for (ArchSpec s : specs) {
            for (LayerShape l : LayerShape.of(ShapeInference.infer(s, IN))) {
                LayerTiming t = byKey.get(l.key());
                assertThat(t).as(l.key()).isNotNull();
                rows.put(l, t);
            }
        }
        return new LayerTimings(null, rows, LayerTimings.Sink.NONE, choice);
    }

    private static LayerTiming direct(double s) {
        return new LayerTiming(s, Double.NaN, ConvAlgorithm.DIRECT);
    }

    private static final Map<String, LayerTiming> ROWS = Map.of(
            "1x12x12 c4k3s1d1", direct(1), "4x10x10 relu", direct(0.5),
            "4x10x10 c4k3s1d1", direct(2), "4x8x8 relu", direct(0.25),
            "4x10x10 c4k5s1d1", new LayerTiming(3, 1.5, ConvAlgorithm.FFT), "4x6x6 relu", direct(0.125));

    @Test
    void layersFromTheRestartPointCostTheirTableSecondsOnEveryImage() {
        List<ArchSpec> specs = specs("c4k3-relu-c4k3-relu", "c4k3-relu-c4k5-relu", "c4k3-relu");
        int n = 40;
        int m = 24;
        CostModel unit = new CostModel(0, 0, table(LayerTimings.Choice.DIRECT, ROWS, specs));
        CostModel.Estimate e = unit.estimate(specs, IN, n, m, 0);
        // first: every layer; second: from its conv (the shared relu's output is cached); third: all
        // shared and its last layer cached, nothing computed
        assertThat(e.layerSeconds()).isCloseTo((1 + 0.5 + 2 + 0.25) * (n + m) + (3 + 0.125) * (n + m), within(1e-9));
        double conv1 = 10 * 10 * 4 * 9;
        double conv2 = 8 * 8 * 4 * 4 * 9;
        double conv2b = 6 * 6 * 4 * 4 * 25;
        assertThat(e.convMacs()).isEqualTo((conv1 + conv2 + conv2b) * (n + m));
        assertThat(e.seconds()).isEqualTo(e.layerSeconds());
        assertThat(e.cut()).isZero();
        assertThat(e.archs()).isEqualTo(3);
    }

    @Test
    void measuredChoiceCostsTheFftSecondsButThroughputStaysDirect() {
        List<ArchSpec> specs = specs("c4k3-relu-c4k5-relu");
        LayerTimings t = table(LayerTimings.Choice.MEASURED, ROWS, specs);
        CostModel.Estimate e = new CostModel(0, 0, t).estimate(specs, IN, 10, 10, 0);
        assertThat(e.layerSeconds()).isCloseTo((1 + 0.5 + 1.5 + 0.125) * 20, within(1e-9));
        assertThat(t.throughput(ShapeInference.infer(specs.get(0), IN))).isCloseTo(1 / (1 + 0.5 + 3 + 0.125), within(1e-12));
    }

    @Test
    void networksBelowTheMinimumThroughputCostOnlyTheirLayersReMeasuringAndLeaveThePathAlone() {
        // table throughputs: 1/3.75 = 0.267 and 1/4.625 = 0.216 images/s
        List<ArchSpec> specs = specs("c4k3-relu-c4k3-relu", "c4k3-relu-c4k5-relu", "c4k3-relu-c4k3-relu");
        CostModel unit = new CostModel(0, 1, table(LayerTimings.Choice.DIRECT, ROWS, specs));
        CostModel.Estimate e = unit.estimate(specs, IN, 10, 10, 0.25);
        assertThat(e.cut()).isEqualTo(1);
        // the third equals the first, whose path is still cached: nothing to compute, one solve each
        assertThat(e.layerSeconds()).isCloseTo(3.75 * 20, within(1e-9));
        // the cut one: its four rows measured again at batch 32 (warm-up + 3 calls; the k5 conv both ways)
        double remeasure = 32 * (1 + 3) * (1 + 0.5 + 3 + 1.5 + 0.125);
        assertThat(e.cutSeconds()).isCloseTo(remeasure, within(1e-9));
        assertThat(e.seconds()).isCloseTo(3.75 * 20 + 2 + remeasure, within(1e-9));
    }

    @Test
    void restartIsAfterTheDeepestCachedLevelOfTheCommonPrefix() {
        ArchSpec a = SpecFormat.parse("c4k3-relu-c4k3-relu-max2");
        assertThat(CostModel.restart(null, a)).isZero();
        assertThat(CostModel.restart(a, SpecFormat.parse("c4k5-relu"))).isZero();
        assertThat(CostModel.restart(a, SpecFormat.parse("c4k3-relu-c8k3-relu"))).isEqualTo(2);
        assertThat(CostModel.restart(a, SpecFormat.parse("c4k3-relu-c4k3-gelu"))).isEqualTo(2); // the conv feeds an activation
        assertThat(CostModel.restart(a, SpecFormat.parse("c4k3-relu-c4k3-relu-avg2"))).isEqualTo(4);
        assertThat(CostModel.restart(a, a)).isEqualTo(5);
    }

    @Test
    void fromRidgeScorersSplitSizeOnTheGramCostsThreeQuartersPlusOneSolvePerNetwork() {
        List<ArchSpec> specs = specs("c4k3-relu");
        int n = io.convprobe.stats.RidgeScorer.SPLIT_GRAM_ROWS;
        CostModel unit = new CostModel(1, 0.5, table(LayerTimings.Choice.DIRECT, ROWS, specs));
        CostModel.Estimate e = unit.estimate(specs, IN, n, 10, 0);
        double d = 4 * 10 * 10;
        assertThat(e.gramMacs()).isCloseTo(0.75 * n * n * d + (n + 10) * d * 10, within(1e-6));
        assertThat(e.seconds()).isCloseTo(e.gramMacs() + e.layerSeconds() + 0.5, within(1e-6));
    }

    @Test
    void naswotAddsOneCodeGramPerComputedReluLevel() {
        // the second network restarts at its conv: only its last relu (4x6x6) is a new level
        List<ArchSpec> specs = specs("c4k3-relu-c4k3-relu", "c4k3-relu-c4k5-relu");
        CostModel unit = new CostModel(1, 0, table(LayerTimings.Choice.DIRECT, ROWS, specs));
        CostModel.Estimate without = unit.estimate(specs, IN, 20, 10, 0);
        CostModel.Estimate with = unit.estimate(specs, IN, new CostModel.Work(20, 10, 0, 16, 32));
        assertThat(with.gramMacs() - without.gramMacs()).isCloseTo(16.0 * 16 * (4 * 10 * 10 + 4 * 8 * 8 + 4 * 6 * 6),
                within(1e-6));
        assertThat(with.layerSeconds()).isEqualTo(without.layerSeconds());
        io.convprobe.probe.ProbeSettings s = new io.convprobe.probe.ProbeSettings(20, 10, 1, 0, 0, 0, 32, 0.3);
        // with the proxies: m = min(128, 20 train images) = 20
        assertThat(unit.estimate(specs, IN, s, io.convprobe.proxy.Proxies.parse("naswot")).gramMacs())
                .isCloseTo(without.gramMacs() + 20.0 * 20 * (4 * 10 * 10 + 4 * 8 * 8 + 4 * 6 * 6), within(1e-6));
        assertThat(unit.estimate(specs, IN, s, io.convprobe.proxy.Proxies.parse("synflow")).gramMacs())
                .isEqualTo(without.gramMacs());
    }
}
