package io.convprobe.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneVsAllTargetsTest {

    @Test
    void multiclassCodingIsPlusOneInTheOwnColumnMinusOneElsewhere() {
        OneVsAllTargets t = OneVsAllTargets.of(new int[] {4, 1, 9, 1}, 10);
        assertThat(t.classes()).containsExactly(1, 4, 9);
        assertThat(t.encode(new int[] {4, 1, 9}))
                .containsExactly(-1, 1, -1, /**/ 1, -1, -1, /**/ -1, -1, 1);
    }

    @Test
    void twoClassesUseOneColumnPositiveForTheLargerLabel() {
        OneVsAllTargets t = OneVsAllTargets.of(new int[] {7, 3, 3}, 10);
        assertThat(t.columns()).isEqualTo(1);
        assertThat(t.encode(new int[] {7, 3, 3})).containsExactly(1, -1, -1);
        // Zero is not positive: sklearn picks classes_[0].
        assertThat(t.decode(new double[] {0.5, 0.0, -0.1}, 3)).containsExactly(7, 3, 3);
    }

    @Test
    void tiesGoToTheFirstMaximumLikeNumpyArgmax() {
        OneVsAllTargets t = OneVsAllTargets.of(new int[] {0, 1, 2}, 3);
        assertThat(t.decode(new double[] {0.2, 0.7, 0.7, /**/ 0.3, 0.3, 0.3, /**/ -1, -2, -0.5}, 3))
                .containsExactly(1, 0, 2);
    }

    @Test
    void accuracyInPercent() {
        assertThat(OneVsAllTargets.accuracyPercent(new int[] {1, 2, 3, 4}, new int[] {1, 2, 0, 0})).isEqualTo(50.0);
    }
}
