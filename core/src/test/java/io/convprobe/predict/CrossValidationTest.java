package io.convprobe.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
    @Test
    void foldsAreBalancedAndDeterministic() {
        int[] f = CrossValidation.folds(23, 10, 4);
        assertThat(CrossValidation.folds(23, 10, 4)).containsExactly(f);
        int[] count = new int[10];
        for (int x : f) {
            count[x]++;
        }
        assertThat(count).containsOnly(2, 3);
        assertThat(CrossValidation.folds(6, 10, 4)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5); // leave-one-out
    }

    /** However the held-out rows' accuracies change (here: to the best of all), their out-of-fold predictions do not. */
    @Test
    void aFoldsPredictionsNeverSeeItsHeldOutRows() {
        Synthetic s = new Synthetic(40, 0.5, 1.0, 3);
        int[] fold = CrossValidation.folds(40, 5, 9);
        for (Kind k : Predictor.MODELS) {
            double[] base = CrossValidation.outOfFold(k, s.rows, s.accuracy, fold, 7);
            for (int held = 0; held < 5; held++) {
                double[] acc = s.accuracy.clone();
                List<Features> rows = new ArrayList<>(s.rows);
                for (int i = 0; i < 40; i++) {
                    if (fold[i] == held) {
                        acc[i] = 1000 + i; // now the best of all
                    }
                }
                double[] perturbed = CrossValidation.outOfFold(k, rows, acc, fold, 7);
                for (int i = 0; i < 40; i++) {
                    if (fold[i] == held) {
                        assertThat(perturbed[i]).as("%s fold %d row %d", k, held, i).isEqualTo(base[i]);
                    }
                }
                // and the perturbation does reach the other folds' models (so the check can fail)
                boolean moved = false;
                for (int i = 0; i < 40; i++) {
                    moved |= fold[i] != held && perturbed[i] != base[i];
                }
                assertThat(moved).as("%s fold %d", k, held).isTrue();
            }
        }
    }
}
