package io.convprobe.probe;

import ai.djl.ndarray.NDManager;
import io.convprobe.memory.MemoryGovernor;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.FftConv2d;
import io.convprobe.nn.LayerShape;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

    private static final long MB = 1 << 20;

    @Test
    void aMeasurementsWorkingSetIsItsInputTwiceItsOutputThriceTheFftsBuffersAndSlack() {
        // a ReLU on 32×94×94 at batch 32: the input (random, its channels-last copy) and three outputs of the same size
        long batch = 4L * 32 * 32 * 94 * 94;
        assertThat(LayerTimer.workingBytes(LayerShape.parse("32x94x94 relu"), 32)).isEqualTo(5 * batch + WorkingSet.SLACK);
        // a k5 stride-2 conv: the output is 32×45×45, and the FFT is timed too (fewer multiply-adds here)
        LayerShape conv = LayerShape.parse("32x94x94 c32k5s2");
        assertThat(FftConv2d.worthTrying(conv)).isTrue();
        assertThat(LayerTimer.workingBytes(conv, 32)).isEqualTo(2 * batch + 3 * (4L * 32 * 32 * 45 * 45)
                + FftConv2d.workingBytes(conv, 32) + WorkingSet.SLACK);
        // a k3 stride-3 conv never tries the FFT: no FFT buffers
        LayerShape small = LayerShape.parse("32x94x94 c32k3s3");
        assertThat(FftConv2d.worthTrying(small)).isFalse();
        assertThat(LayerTimer.workingBytes(small, 32)).isEqualTo(2 * batch + 3 * (4L * 32 * 32 * 31 * 31) + WorkingSet.SLACK);
    }

    @Test
    void withinABudgetAMeasurementThatDoesNotFitDropsTheCacheAndEveryMeasurementHandsItsMemoryBack() {
        AtomicLong rss = new AtomicLong(950 * MB);
        AtomicInteger trims = new AtomicInteger();
        AtomicInteger drops = new AtomicInteger();
        MemoryGovernor g = MemoryGovernor.reading(1000 * MB, rss::get, () -> {
            trims.incrementAndGet();
            return true;
        });
        g.register();
        try (NDManager m = NDManager.newBaseManager()) {
            LayerTimer timer = new LayerTimer(4, 1, m).within(g, drops::incrementAndGet);
            LayerTiming t = timer.measure(LayerShape.parse("4x12x12 c4k3"));
            assertThat(t.directSeconds()).isPositive();
            assertThat(drops).as("950 of 1,000 MB in use: no room beside the cache").hasValue(1);
            assertThat(trims).as("admit trims first, then after the drop, then after the measurement").hasValue(3);
            rss.set(100 * MB);
            timer.measure(LayerShape.parse("4x10x10 relu"));
            assertThat(drops).as("room enough: the cache stays").hasValue(1);
            assertThat(trims).as("the measurement's freed heap blocks are still handed back").hasValue(4);
            timer.measure(LayerShape.parse("4x10x10 drop0.5"));
            assertThat(trims).as("an identity is not run: nothing to admit or hand back").hasValue(4);
            new LayerTimer(4, 1, m).measure(LayerShape.parse("4x12x12 c4k3"));
            assertThat(trims).as("a timer outside any budget never asks").hasValue(4);
        }
    }
}
