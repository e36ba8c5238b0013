package io.convprobe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingSignalsTest {
    private static EpochMetrics row(int epoch, double trainLoss, double valAccuracy) {
        return new EpochMetrics(epoch, trainLoss, 0.5, 1.0, valAccuracy, 1e-3, 100, epoch);
    }

    @Test
    void firstRungIsANinthOfTheEpochsRoundedAndAtLeastOne() {
        assertThat(TrainingSignals.firstRung(1)).isEqualTo(1);
        assertThat(TrainingSignals.firstRung(10)).isEqualTo(1);
        assertThat(TrainingSignals.firstRung(13)).isEqualTo(1);
        assertThat(TrainingSignals.firstRung(14)).isEqualTo(2);
        assertThat(TrainingSignals.firstRung(27)).isEqualTo(3);
        assertThat(TrainingSignals.firstRung(200)).isEqualTo(22);
    }

    @Test
    void tseIsTheNegatedSumOfMeanLossTimesBatchesAndVal1ThePercentAfterEpoch1() {
        List<EpochMetrics> rows = List.of(row(1, 2.0, 0.40), row(2, 1.5, 0.55), row(3, 1.0, 0.60), row(4, 0.9, 0.61));
        // R = 18 → E = 2
        TrainingSignals s = TrainingSignals.of(rows, 10, 18);
        assertThat(s.e()).isEqualTo(2);
        assertThat(s.tse1()).isEqualTo(-20.0);
        assertThat(s.tseE()).isEqualTo(-35.0);
        assertThat(s.val1()).isCloseTo(40.0, within(1e-12));
        assertThat(s.scores()).containsOnlyKeys("tse_1", "tse_2", "val_1");
        assertThat(s.cost("tse_2")).isEqualTo(2 / 18.0);
        assertThat(s.cost("val_1")).isEqualTo(1 / 18.0);
        // R = 10 → E = 1: no tse_E
        TrainingSignals ten = TrainingSignals.of(rows, 10, 10);
        assertThat(ten.scores()).containsOnlyKeys("tse_1", "val_1");
        assertThat(ten.cost("tse_1")).isEqualTo(0.1);
        // rows short of E: NaN, not a partial sum
        assertThat(TrainingSignals.of(rows.subList(0, 1), 10, 18).tseE()).isNaN();
    }
}
