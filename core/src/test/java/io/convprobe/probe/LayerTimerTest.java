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
        // a cheap layer (10 µs per image, 0.32 ms a call): the warm-up floor and the timed floor
        assertThat(LayerTimer.measureCost(new LayerTiming(1e-5, Double.NaN, ConvAlgorithm.DIRECT), 32, 3))
                .isCloseTo(LayerTimer.WARM_UP_SECONDS + LayerTimer.MIN_SECONDS, within(1e-12));
        // a nearly free one: at most MAX_CALLS calls each
        assertThat(LayerTimer.measureCost(new LayerTiming(1e-9, Double.NaN, ConvAlgorithm.DIRECT), 32, 3))
                .isCloseTo(2 * LayerTimer.MAX_CALLS * 32e-9, within(1e-15));
        // identities are never measured
        assertThat(LayerTimer.measureCost(new LayerTiming(0, Double.NaN, ConvAlgorithm.DIRECT), 32, 3)).isZero();
    }
}
