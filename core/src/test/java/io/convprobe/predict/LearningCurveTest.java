package io.convprobe.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LearningCurveTest {
    @Test
    void drawsAreDistinctSortedAndSeeded() {
        int[] a = LearningCurve.draw(50, 10, new SplittableRandom(3));
        assertThat(a).hasSize(10).isSorted().doesNotHaveDuplicates();
        assertThat(LearningCurve.draw(50, 10, new SplittableRandom(3))).containsExactly(a);
    }

    /** The unrevealed rows' accuracies never enter the fit: changing them changes no prediction and no choice. */
    @Test
    void theUnrevealedRowsNeverEnterTheFit() {
        Synthetic s = new Synthetic(40, 0.4, 1.0, 6);
        int[] revealed = LearningCurve.draw(40, 12, new SplittableRandom(1));
        LearningCurve.Draw base = LearningCurve.evaluate(s.rows, s.accuracy, revealed, 2);
        double[] acc = s.accuracy.clone();
        List<Integer> shown = new ArrayList<>();
        for (int r : revealed) {
            shown.add(r);
        }
        for (int i = 0; i < acc.length; i++) {
            if (!shown.contains(i)) {
                acc[i] = -acc[i] * 7 + i; // a different truth on the rest
            }
        }
        LearningCurve.Draw other = LearningCurve.evaluate(s.rows, acc, revealed, 2);
        assertThat(other.chosen()).isEqualTo(base.chosen());
        assertThat(other.restPredictions()).containsExactly(base.restPredictions());
        assertThat(other.selected()).isNotEqualTo(base.selected()); // measured on the new truth
    }

    @Test
    void pointsSummariseTheDrawsDeterministically() {
        Synthetic s = new Synthetic(60, 0.4, 1.0, 7);
        List<LearningCurve.Point> a = LearningCurve.of(s.rows, s.accuracy, new int[] {4, 15}, 3, 0);
        assertThat(a).hasSize(2);
        assertThat(a.get(0).mostChosenModel()).isEqualTo("prior"); // 4 < MIN_ROWS
        assertThat(a.get(0).mean()).isEqualTo(a.get(0).priorMean());
        LearningCurve.Point p = a.get(1);
        assertThat(p.n()).isEqualTo(15);
        assertThat(p.min()).isLessThanOrEqualTo(p.mean()).isLessThanOrEqualTo(p.max());
        assertThat(p.alone()).containsOnlyKeys("ridge", "ridge+arch", "forest+arch");
        assertThat(p.chosen().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        assertThat(LearningCurve.of(s.rows, s.accuracy, new int[] {4, 15}, 3, 0)).isEqualTo(a);
        assertThatThrownBy(() -> LearningCurve.of(s.rows, s.accuracy, new int[] {58}, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot reveal 58 of 60");
    }
}
