package io.convprobe.predict;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.Nb201Spec;
import io.convprobe.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OneSeRuleTest {
    private static OneSeRule.Score s(double rho, double se) {
        return new OneSeRule.Score(rho, se);
    }

    @Test
    void aWinByLessThanOneStandardErrorKeepsTheSimplest() {
        assertThat(OneSeRule.choose(List.of(s(0.80, 0.05), s(0.84, 0.05)))).isZero();
        assertThat(OneSeRule.choose(List.of(s(0.80, 0.01), s(0.84, 0.05), s(0.86, 0.03)))).isEqualTo(1);
    }

    @Test
    void aClearWinIsTaken() {
        assertThat(OneSeRule.choose(List.of(s(0.80, 0.05), s(0.84, 0.02), s(0.90, 0.03)))).isEqualTo(2);
        assertThat(OneSeRule.choose(List.of(s(0.80, 0.05), s(Double.NaN, 0.02), s(0.86, 0.05)))).isEqualTo(2);
        assertThat(OneSeRule.choose(List.of(s(Double.NaN, 0), s(0.2, 0.1)))).isEqualTo(1);
    }

    /** Spearman ρ as the mean of per-row terms: perfect predictions have ρ 1 and no spread across folds. */
    @Test
    void theScoresStandardErrorIsTheSpreadOfFoldMeans() {
        double[] acc = {1, 2, 3, 4, 5, 6};
        int[] fold = {0, 0, 1, 1, 2, 2};
        OneSeRule.Score perfect = CrossValidation.score(List.of(acc), List.of(fold), acc);
        assertThat(perfect.rho()).isEqualTo(1.0);
        assertThat(perfect.se()).isZero();
        // rows 0 and 1 swapped: d = ±1 in fold 0 only; terms 1 − 6/35 there, 1 elsewhere
        double[] swapped = {2, 1, 3, 4, 5, 6};
        OneSeRule.Score one = CrossValidation.score(List.of(swapped), List.of(fold), acc);
        assertThat(one.rho()).isCloseTo(RankCorrelation.spearman(swapped, acc), org.assertj.core.data.Offset.offset(1e-12));
        double m0 = 1 - 6.0 / 35;
        double mean = (m0 + 2) / 3;
        double expected = Math.sqrt(2 * ((m0 - mean) * (m0 - mean) + 2 * (1 - mean) * (1 - mean)) / 6 / 2);
        assertThat(one.se()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }

    /**
     * Accuracy = the prior plus noise; the scores and the architecture say nothing more. Some
     * candidate's cross-validated ρ beats the prior's by chance in some of these fits (so the argmax
     * would leave the prior), yet the rule keeps the prior in every one.
     */
    @Test
    void aPriorThatNoModelClearlyBeatsIsKept() {
        int beaten = 0;
        for (long seed = 0; seed < 8; seed++) {
            List<Features> rows = new ArrayList<>();
            double[] acc = new double[25];
            SplittableRandom rng = new SplittableRandom(seed);
            List<String> specs = new ArrayList<>();
            for (int i = 0; i < acc.length; i++) {
                specs.add(randomCell(rng));
            }
            ArchEncoding enc = ArchEncoding.fit(specs);
            for (int i = 0; i < acc.length; i++) {
                double prior = rng.nextDouble();
                acc[i] = prior + 0.3 * (rng.nextDouble() - 0.5);
                rows.add(new Features(i, prior, new double[] {rng.nextDouble(), rng.nextDouble()}, enc.encode(specs.get(i))));
            }
            List<Predictor.Candidate> c = Predictor.candidates(rows, acc, seed);
            double priorRho = c.get(0).score().rho();
            if (c.stream().skip(1).anyMatch(x -> x.score().rho() > priorRho)) {
                beaten++;
            }
            Fitted f = Predictor.fit(rows, acc, seed);
            assertThat(f.model()).as("seed %d", seed).isEqualTo("prior");
        }
        assertThat(beaten).isPositive();
    }

    private static String randomCell(SplittableRandom rng) {
        Nb201Spec.Op[] ops = Nb201Spec.Op.values();
        int[] from = {0, 0, 1, 0, 1, 2};
        StringBuilder cell = new StringBuilder("nb201:|");
        for (int e = 0; e < 6; e++) {
            cell.append(ops[rng.nextInt(ops.length)].key()).append('~').append(from[e]).append('|');
            if (e == 0 || e == 2) {
                cell.append("+|");
            }
        }
        return cell.toString();
    }
}
