package io.convprobe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SelectionTest {
    @Test
    void topThreeAlwaysInAndOnePerStratumOfTheRest() {
        int[] pos = Selection.stratified(3804, 63, 0);
        assertThat(pos).hasSize(63).startsWith(0, 1, 2);
        assertThat(Arrays.stream(pos).distinct().count()).isEqualTo(63);
        // strata of (3804 − 3) / 60 ≈ 63 positions each: the k-th pick lies in the k-th stratum
        for (int s = 0; s < 60; s++) {
            int lo = 3 + (int) (3801L * s / 60);
            int hi = 3 + (int) (3801L * (s + 1) / 60);
            assertThat(pos[3 + s]).isBetween(lo, hi - 1);
        }
        assertThat(Selection.stratified(3804, 63, 0)).isEqualTo(pos);
        assertThat(Selection.stratified(3804, 63, 1)).isNotEqualTo(pos);
    }

    @Test
    void aShortRankingIsTakenWhole() {
        assertThat(Selection.stratified(5, 8, 0)).containsExactly(0, 1, 2, 3, 4);
        assertThat(Selection.stratified(6, 6, 4)).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void trainingOrderIsAPermutationWhosePrefixesSpanTheRanking() {
        for (int count : new int[] {1, 3, 4, 10, 63, 100}) {
            int[] order = Selection.trainingOrder(count);
            assertThat(order).hasSize(count);
            assertThat(Arrays.stream(order).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, count).toArray());
        }
        int[] order = Selection.trainingOrder(63);
        assertThat(order).startsWith(0, 1, 2, 3, 33, 18, 48); // top 3, then strata 0, 1/2, 1/4, 3/4 of 60
        // after the top 3 and any 12 more, every quarter of the 60 strata holds at least 2 of them
        int[] quarter = new int[4];
        for (int i = 3; i < 15; i++) {
            quarter[(order[i] - 3) / 15]++;
        }
        assertThat(Arrays.stream(quarter).min().getAsInt()).isGreaterThanOrEqualTo(2);
    }
}
