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
}
