package io.convprobe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.convprobe.UserException;
import org.junit.jupiter.api.Test;

class LrScheduleTest {
    @Test
    void constantIsTheBaseRateAtEveryStep() {
        LrSchedule s = LrSchedule.of("constant", 1e-3, 100, 0, 1, 0.1);
        assertThat(s.lr(0)).isEqualTo(1e-3);
        assertThat(s.lr(99)).isEqualTo(1e-3);
    }

    @Test
    void stepDecaysByGammaEveryIntervalLikeStepLr() {
        LrSchedule s = LrSchedule.of("step", 0.1, 100, 0, 30, 0.1);
        assertThat(s.lr(0)).isCloseTo(0.1, within(1e-15));
        assertThat(s.lr(29)).isCloseTo(0.1, within(1e-15));
        assertThat(s.lr(30)).isCloseTo(0.01, within(1e-15));
        assertThat(s.lr(59)).isCloseTo(0.01, within(1e-15));
        assertThat(s.lr(60)).isCloseTo(0.001, within(1e-15));
    }

    @Test
    void cosineWarmsUpLinearlyThenFollowsHalfACosineToZero() {
        // base 1, 10 warm-up updates, 110 in all: values from the closed form, computed by hand
        LrSchedule s = LrSchedule.of("cosine", 1.0, 110, 10, 1, 0.1);
        assertThat(s.lr(0)).isEqualTo(0.0);
        assertThat(s.lr(5)).isCloseTo(0.5, within(1e-12));
        assertThat(s.lr(10)).isCloseTo(1.0, within(1e-12));
        assertThat(s.lr(60)).isCloseTo(0.5, within(1e-12)); // half-way: cos(π/2) = 0
        assertThat(s.lr(35)).isCloseTo((1 + Math.sqrt(0.5)) / 2, within(1e-12)); // a quarter: cos(π/4)
        assertThat(s.lr(110)).isCloseTo(0.0, within(1e-12));
        assertThat(s.lr(200)).isEqualTo(0.0);
    }

    @Test
    void cosineWithoutWarmupStartsAtTheBaseRate() {
        LrSchedule s = LrSchedule.of("cosine", 3e-4, 1000, 0, 1, 0.1);
        assertThat(s.lr(0)).isEqualTo(3e-4);
        assertThat(s.lr(500)).isCloseTo(1.5e-4, within(1e-12));
    }

    @Test
    void badNamesAndWarmupsAreUserErrors() {
        assertThatThrownBy(() -> LrSchedule.of("linear", 1, 10, 0, 1, 0.1)).isInstanceOf(UserException.class)
                .hasMessageContaining("unknown schedule 'linear'").hasMessageContaining("cosine");
        assertThatThrownBy(() -> LrSchedule.of("cosine", 1, 10, 20, 1, 0.1)).isInstanceOf(UserException.class)
                .hasMessageContaining("exceeds");
    }
}
