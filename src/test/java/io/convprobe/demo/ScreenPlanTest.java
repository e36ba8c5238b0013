package io.convprobe.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScreenPlanTest {
    @Test
    void sampleFitsTheBudget() {
        ScreenPlan p = ScreenPlan.size(3_804, 0.5, 100);
        assertThat(p.sample()).isEqualTo(200);
        assertThat(p.whole()).isFalse();
        assertThat(p.estimatedSeconds()).isLessThanOrEqualTo(100);
        assertThat(p.explain()).contains("200 of the 3,804").contains("32 min");
    }

    @Test
    void wholeSpaceWhenItFits() {
        ScreenPlan p = ScreenPlan.size(50, 0.1, 100);
        assertThat(p.sample()).isEqualTo(50);
        assertThat(p.whole()).isTrue();
        assertThat(p.explain()).startsWith("screening all 50");
    }

    @Test
    void neverBelowTheMinimumUnlessTheSpaceIsSmaller() {
        assertThat(ScreenPlan.size(3_804, 60, 100).sample()).isEqualTo(ScreenPlan.MIN_SAMPLE);
        assertThat(ScreenPlan.size(3, 60, 100).sample()).isEqualTo(3);
    }
}
