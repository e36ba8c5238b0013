package io.convprobe.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.stats.RankCorrelation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictorTest {
    @Test
    void belowTheMinimumRowsOnlyThePrior() {
        Synthetic s = new Synthetic(Predictor.MIN_ROWS - 1, 0.3, 1.0, 1);
        Fitted f = Predictor.fit(s.rows, s.accuracy, 0);
        assertThat(f.model()).isEqualTo("prior");
        assertThat(f.cvSpearman()).isNaN();
        assertThat(f.spread(s.rows.get(0))).isNaN();
        for (Features r : s.rows) {
            assertThat(f.predict(r)).isEqualTo(r.prior());
        }
        assertThat(f.cvPredictions()).hasSize(s.rows.size());
    }

    @Test
    void deterministicForASeed() {
        Synthetic s = new Synthetic(30, 0.3, 1.0, 2);
        Fitted a = Predictor.fit(s.rows, s.accuracy, 5);
        Fitted b = Predictor.fit(s.rows, s.accuracy, 5);
        assertThat(b.label()).isEqualTo(a.label());
        assertThat(b.cvSpearman()).isEqualTo(a.cvSpearman());
        assertThat(b.cvPredictions()).isEqualTo(a.cvPredictions());
        for (Features r : s.rows) {
            assertThat(b.predict(r)).isEqualTo(a.predict(r));
        }
        Fitted fa = Predictor.fitAlone("forest+arch", s.rows, s.accuracy, 5);
        Fitted fb = Predictor.fitAlone("forest+arch", s.rows, s.accuracy, 5);
        assertThat(fb.predict(s.rows.get(3))).isEqualTo(fa.predict(s.rows.get(3)));
        assertThat(fb.spread(s.rows.get(3))).isEqualTo(fa.spread(s.rows.get(3))).isPositive();
    }

    /**
     * The chosen candidate's cvSpearman is its score among the candidates (the mean over the repeats'
     * ρ, no longer the ρ of the averaged out-of-fold predictions), and at least the prior's.
     */
    @Test
    void choosesByCrossValidationNeverBelowThePriorThere() {
        Synthetic s = new Synthetic(40, 0.3, 1.0, 4);
        Fitted f = Predictor.fit(s.rows, s.accuracy, 0);
        assertThat(Predictor.candidates(s.rows, s.accuracy, 0)).anySatisfy(c -> {
            assertThat(c.kind().label()).isEqualTo(f.model());
            assertThat(c.lambda()).isEqualTo(f.blend());
            assertThat(c.score().rho()).isEqualTo(f.cvSpearman());
            assertThat(c.score().se()).isEqualTo(f.cvStandardError()).isPositive();
        });
        assertThat(f.cvPredictions()).hasSize(40);
        double[] prior = s.rows.stream().mapToDouble(Features::prior).toArray();
        assertThat(f.cvSpearman()).isGreaterThanOrEqualTo(RankCorrelation.spearman(prior, s.accuracy));
        assertThat(f.model()).isNotEqualTo("prior"); // the encoding determines most of the target here
    }

    @Test
    void theForestBeatsThePriorWhenTheEncodingDeterminesTheTarget() {
        Synthetic s = new Synthetic(200, 0.2, 0.3, 5);
        List<Features> train = s.rows.subList(0, 60);
        List<Features> rest = s.rows.subList(60, 200);
        double[] restAcc = Arrays.copyOfRange(s.accuracy, 60, 200);
        Fitted forest = Predictor.fitAlone("forest+arch", train, Arrays.copyOfRange(s.accuracy, 0, 60), 0);
        double f = RankCorrelation.spearman(rest.stream().mapToDouble(forest::predict).toArray(), restAcc);
        double p = RankCorrelation.spearman(rest.stream().mapToDouble(Features::prior).toArray(), restAcc);
        assertThat(f).isGreaterThan(p + 0.2).isGreaterThan(0.7);
    }

    @Test
    void aNetworkThatFailedToTrainRanksLast() {
        assertThat(Predictor.target(new double[] {70, Double.NaN, 80, 75})).containsExactly(1.0 / 3, 0.0, 1.0, 2.0 / 3);
    }
}
