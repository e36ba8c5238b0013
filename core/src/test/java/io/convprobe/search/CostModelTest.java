package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final Shape IN = Shape.chw(1, 12, 12);

    private static List<ArchSpec> specs(String... s) {
        return java.util.Arrays.stream(s).map(SpecFormat::parse).toList();
    }

    /** Multiply-adds counted by hand: conv MACs = out H·W · out C · in C · k². */
    @Test
    void sharedLayersCostOnlyTheirTimingNewLayersEveryImageAndAWarmUp() {
        CostModel unit = new CostModel(1, 0, 0);
        int n = 40;
        int m = 24;
        int bs = 16;
        CostModel.Estimate e = unit.estimate(specs("c4k3-relu-c4k3-relu", "c4k3-relu-c4k5-relu"), IN, n, m, bs, 2);
        double conv1 = 10 * 10 * 4 * 1 * 9; // 12 -> 10
        double conv2 = 8 * 8 * 4 * 4 * 9; // 10 -> 8, k3
        double conv2b = 6 * 6 * 4 * 4 * 25; // 10 -> 6, k5
        double images = n + m + bs; // every image, plus the warm-up batch
        double expectedConv = conv1 * images + conv2 * images // first spec: all new
                + conv1 * 2 * bs + conv2b * images; // second: the shared conv only in its timing
        assertThat(e.convMacs()).isEqualTo(expectedConv);
        // 40 samples: one full Gram product each (RidgeScorer splits from 128 samples on)
        double expectedGram = n * n * (4 * 8 * 8) + (n + m) * (4 * 8 * 8) * 10
                + n * n * (4 * 6 * 6) + (n + m) * (4 * 6 * 6) * 10;
        assertThat(e.gramMacs()).isCloseTo(expectedGram, within(1e-6));
        assertThat(e.seconds()).isEqualTo(expectedConv);
        assertThat(e.archs()).isEqualTo(2);
    }

    @Test
    void fromRidgeScorersSplitSizeOnTheGramCostsThreeQuarters() {
        CostModel unit = new CostModel(0, 1, 0);
        int n = io.convprobe.probe.RidgeScorer.SPLIT_GRAM_ROWS;
        CostModel.Estimate e = unit.estimate(specs("c4k3-relu"), IN, n, 10, 16, 1);
        double d = 4 * 10 * 10;
        assertThat(e.gramMacs()).isCloseTo(0.75 * n * n * d + (n + 10) * d * 10, within(1e-6));
        assertThat(e.seconds()).isCloseTo(e.gramMacs(), within(1e-6));
    }

    @Test
    void timingNeverCountsMoreImagesThanTheTrainSplitHas() {
        CostModel unit = new CostModel(1, 0, 0);
        CostModel.Estimate e = unit.estimate(specs("c4k3-relu", "c4k3-relu"), IN, 20, 10, 16, 4);
        double conv1 = 10 * 10 * 4 * 9;
        assertThat(e.convMacs()).isEqualTo(conv1 * (20 + 10 + 16) + conv1 * 20);
    }

    @Test
    void secondsAddConvGramAndOneSolvePerNetworkAndScaleTogether() {
        CostModel model = new CostModel(2e-9, 1e-9, 0.01);
        CostModel.Estimate e = model.estimate(specs("c4k3-relu", "c4k5-relu"), IN, 40, 24, 16, 2);
        assertThat(e.seconds()).isCloseTo(2e-9 * e.convMacs() + 1e-9 * e.gramMacs() + 2 * 0.01, within(1e-12));
        CostModel.Estimate twice = model.scaled(2).estimate(specs("c4k3-relu", "c4k5-relu"), IN, 40, 24, 16, 2);
        assertThat(twice.seconds()).isCloseTo(2 * e.seconds(), within(1e-12));
    }
}
