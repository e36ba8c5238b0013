package io.convprobe.probe;

import io.convprobe.nn.ConvAlgorithm;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LayerTimerTest {
    @Test
    void measureCostIsWarmUpPlusTimedCallsPerAlgorithmWithTheTimersFloors() {
        // 1 ms per image, batch 32: a call is 32 ms, above both floors: 1 warm-up + 3 timed calls
        assertThat(LayerTimer.measureCost(new LayerTiming(1e-3, Double.NaN, ConvAlgorithm.DIRECT), 32, 3))
                .isCloseTo(4 * 0.032, within(1e-12));
        // both algorithms measured: both cost
        assertThat(LayerTimer.measureCost(new LayerTiming(1e-3, 2e-3, ConvAlgorithm.DIRECT), 32, 3))
                .isCloseTo(4 * 0.032 + 4 * 0.064, within(1e-12));
        // an FFT more than twice as slow as the direct conv: its warm-up and one timed call
        assertThat(LayerTimer.measureCost(new LayerTiming(1e-3, 3e-3, ConvAlgorithm.DIRECT), 32, 3))
                .isCloseTo(4 * 0.032 + 2 * 0.096, within(1e-12));
        // a cheap layer (10 µs per image, 0.32 ms a call): the warm-up floor and the timed floor
        assertThat(LayerTimer.measureCost(new LayerTiming(1e-5, Double.NaN, ConvAlgorithm.DIRECT), 32, 3))
                .isCloseTo(LayerTimer.WARM_UP_SECONDS + LayerTimer.MIN_SECONDS, within(1e-12));
        // a nearly free one: at most MAX_CALLS calls each
        assertThat(LayerTimer.measureCost(new LayerTiming(1e-9, Double.NaN, ConvAlgorithm.DIRECT), 32, 3))
                .isCloseTo(2 * LayerTimer.MAX_CALLS * 32e-9, within(1e-15));
        // identities are never measured
        assertThat(LayerTimer.measureCost(new LayerTiming(0, Double.NaN, ConvAlgorithm.DIRECT), 32, 3)).isZero();
    }

    @Test
    void theFastestOfAtLeastTheBatchesOrOneCallWhenItIsAlreadyTooSlow() {
        int[] calls = {0};
        double[] readings = {0.03, 0.02, 0.025, 0.01};
        // at least 3 calls (each above the 20 ms floor together), the fastest of them
        assertThat(LayerTimer.fastest(() -> readings[calls[0]++], 3, Double.POSITIVE_INFINITY)).isEqualTo(0.02);
        assertThat(calls[0]).isEqualTo(3);
        // an FFT whose first call already took more than its give-up bound is read once
        calls[0] = 0;
        assertThat(LayerTimer.fastest(() -> readings[calls[0]++], 3, 0.02)).isEqualTo(0.03);
        assertThat(calls[0]).isEqualTo(1);
        // within the bound it is timed in full, as the direct convolution is
        calls[0] = 0;
        assertThat(LayerTimer.fastest(() -> readings[calls[0]++], 3, 0.05)).isEqualTo(0.02);
        assertThat(calls[0]).isEqualTo(3);
        // cheap calls go on until MIN_SECONDS are spent
        calls[0] = 0;
        assertThat(LayerTimer.fastest(() -> { calls[0]++; return 0.001; }, 3, Double.POSITIVE_INFINITY)).isEqualTo(0.001);
        assertThat(calls[0]).isBetween(20, 21);
    }
}
