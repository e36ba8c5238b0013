package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScreenPlanTest {
    @Test
    void largestSampleThatFitsTheBudget() {
        ScreenPlan p = ScreenPlan.size(3_804, 100, n -> 0.5 * n); // 0.5 s per architecture
        assertThat(p.sample()).isBetween(196, 200);
        assertThat(p.whole()).isFalse();
        assertThat(p.estimatedSeconds()).isLessThanOrEqualTo(100);
        assertThat(p.wholeSpaceSeconds()).isEqualTo(1_902);
        assertThat(p.explain()).contains("of the 3,804").contains("32 min");
    }

    @Test
    void sharingMakesLargerSamplesCheaperPerArchitecture() {
        // sub-linear cost (shared prefixes): 100 s buys more than budget / cost-of-one
        ScreenPlan p = ScreenPlan.size(3_804, 100, n -> 2 * Math.sqrt(n));
        assertThat(p.sample()).isGreaterThan(2_400);
    }

    @Test
    void wholeSpaceWhenItFits() {
        ScreenPlan p = ScreenPlan.size(50, 100, n -> 0.1 * n);
        assertThat(p.sample()).isEqualTo(50);
        assertThat(p.whole()).isTrue();
        assertThat(p.explain()).startsWith("screening all 50");
    }

    @Test
    void neverBelowTheMinimumUnlessTheSpaceIsSmaller() {
        assertThat(ScreenPlan.size(3_804, 100, n -> 60.0 * n).sample()).isEqualTo(ScreenPlan.MIN_SAMPLE);
        assertThat(ScreenPlan.size(3, 100, n -> 60.0 * n).sample()).isEqualTo(3);
    }
}
