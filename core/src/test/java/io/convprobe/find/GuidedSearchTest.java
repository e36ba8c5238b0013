package io.convprobe.find;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.predict.Features;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuidedSearchTest {
    /** 60 networks whose final accuracy follows a hidden quality the prior sees through noise; curves rise to it. */
    private static final int N = 60;

    private static List<Features> rows(double[] quality) {
        Random rnd = new Random(7);
        double[] prior = new double[N];
        for (int i = 0; i < N; i++) {
            prior[i] = quality[i] + 0.6 * rnd.nextGaussian();
        }
        double[] pct = io.convprobe.validate.CombinedScore.percentiles(prior);
        List<Features> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            out.add(new Features(i, pct[i], new double[] {pct[i], rnd.nextDouble()}, new double[] {i % 2, i % 3 == 0 ? 1 : 0}));
        }
        return out;
    }

    private static double[] quality() {
        Random rnd = new Random(3);
        double[] q = new double[N];
        for (int i = 0; i < N; i++) {
            q[i] = rnd.nextGaussian();
        }
        return q;
    }

    private static double[][] curves(double[] q) {
        double[][] c = new double[N][10];
        for (int i = 0; i < N; i++) {
            for (int e = 0; e < 10; e++) {
                c[i][e] = 60 + 5 * q[i] + 20 * (1 - Math.exp(-(e + 1) / 3.0)) + 0.3 * Math.sin(7 * i + e);
            }
        }
        return c;
    }

    @Test
    void rungsAreRoverEtaSquaredRoverEtaAndR() {
        assertThat(Schedule.rungsOf(10)).containsExactly(1, 3, 10);
        assertThat(Schedule.rungsOf(27)).containsExactly(3, 9, 27);
        assertThat(Schedule.rungsOf(3)).containsExactly(1, 3);
        assertThat(Schedule.rungsOf(1)).containsExactly(1);
        // 27 start: 9 go on to 3 epochs (2 more each), 3 to 10 (7 more each)
        assertThat(Schedule.cost(new int[] {1, 3, 10}, Schedule.countsOf(27, 3))).isEqualTo(27 + 9 * 2 + 3 * 7);
    }

    @Test
    void theScheduleIsTheLargestThatFitsAndATooSmallBudgetIsRefused() {
        Schedule s = Schedule.fit(200, 10, 150, 8, 4);
        assertThat(s.cost()).isLessThanOrEqualTo(150);
        assertThat(Schedule.cost(s.rungs(), Schedule.countsOf(s.counts()[0] + 1, 3))).isGreaterThan(150);
        assertThatThrownBy(() -> Schedule.fit(60, 10, 9, 8, 4)).isInstanceOf(UserException.class)
                .hasMessageContaining("less than one full training");
        assertThatThrownBy(() -> Budget.parse("0")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> Budget.parse("120%")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> Budget.parse("lots")).isInstanceOf(UserException.class);
        assertThat(Budget.parse("25%").units(600)).isEqualTo(150);
    }

    @Test
    void sameSeedSameTrajectoryAndTheBudgetIsNeverExceeded() {
        double[] q = quality();
        List<Features> rows = rows(q);
        Schedule plan = Schedule.fit(N, 10, 100, 8, 4); // 44 of the 60 at rung 0
        Set<String> asked = new HashSet<>();
        Oracle counted = new Oracle() {
            final Oracle inner = Oracle.curves(curves(q));

            @Override
            public double observe(int network, int epochs) {
                assertThat(asked.add(network + "@" + epochs)).as("asked twice").isTrue();
                return inner.observe(network, epochs);
            }

            @Override
            public int fullEpochs() {
                return 10;
            }
        };
        GuidedSearch.Result a = GuidedSearch.run(rows, counted, plan, 5, new GuidedSearch.Listener() {});
        GuidedSearch.Result b = GuidedSearch.run(rows, Oracle.curves(curves(q)), plan, 5, new GuidedSearch.Listener() {});
        assertThat(b.steps()).isEqualTo(a.steps());
        assertThat(b.refits()).isEqualTo(a.refits());
        assertThat(a.spent()).isEqualTo(plan.cost()).isLessThanOrEqualTo(100);
        assertThat(a.steps()).allSatisfy(s -> assertThat(s.spent()).isLessThanOrEqualTo(100));
        assertThat(a.winnerEpochs()).isEqualTo(10);
        assertThat(a.steps().stream().filter(s -> s.rung() == 0).count()).isEqualTo(plan.counts()[0]);
        GuidedSearch.Result c = GuidedSearch.run(rows, Oracle.curves(curves(q)), plan, 6, new GuidedSearch.Listener() {});
        assertThat(c.steps()).isNotEqualTo(a.steps()); // the seed set is drawn with the seed
    }

    @Test
    void aTableHasNoHalvingAndTheWinnerIsTheBestRevealed() {
        double[] q = quality();
        double[] acc = new double[N];
        for (int i = 0; i < N; i++) {
            acc[i] = 80 + q[i];
        }
        Schedule plan = Schedule.fit(N, 1, 20, 8, 4);
        GuidedSearch.Result r = GuidedSearch.run(rows(q), Oracle.table(acc), plan, 1, new GuidedSearch.Listener() {});
        assertThat(r.steps()).hasSize(20);
        assertThat(r.spent()).isEqualTo(20);
        assertThat(r.refits()).hasSize(3); // after 8, 12, 16
        double best = r.steps().stream().mapToDouble(GuidedSearch.Step::accuracy).max().orElseThrow();
        assertThat(r.winnerAccuracy()).isEqualTo(best);
        assertThat(r.steps().stream().map(GuidedSearch.Step::network).distinct().count()).isEqualTo(20);
    }

    /**
     * Rung-0 accuracy and TSE disagree on purpose: the accuracy after one epoch is the quality
     * scrambled, the training losses follow the quality. By TSE the promoted networks (and the
     * predictor's target) follow the losses and the winner is the best; by accuracy they follow the
     * scrambled first epoch. The last rung ranks by accuracy either way.
     */
    @Test
    void theRungScoreDecidesPromotionAndTheLastRungRanksByAccuracy() {
        double[] q = quality();
        double[][] acc = curves(q);
        double[][] loss = new double[N][10];
        Random rnd = new Random(11);
        for (int i = 0; i < N; i++) {
            acc[i][0] = 50 + 10 * rnd.nextDouble(); // one epoch's accuracy says nothing
            for (int e = 0; e < 10; e++) {
                loss[i][e] = 2 - 0.3 * q[i] - 0.1 * e;
            }
        }
        Schedule plan = Schedule.fit(N, 10, 120, 8, 4);
        Oracle oracle = Oracle.curves(acc, loss);
        GuidedSearch.Result tse = GuidedSearch.run(rows(q), oracle, plan, 2, RungScore.TSE, new GuidedSearch.Listener() {});
        GuidedSearch.Result byAcc = GuidedSearch.run(rows(q), oracle, plan, 2, RungScore.ACCURACY,
                new GuidedSearch.Listener() {});
        List<Integer> rung0 = tse.steps().stream().filter(s -> s.rung() == 0).map(GuidedSearch.Step::network).toList();
        List<Integer> promotedTse = tse.steps().stream().filter(s -> s.rung() == 1).map(GuidedSearch.Step::network).toList();
        List<Integer> bestByLoss = rung0.stream().sorted(java.util.Comparator.comparingDouble(i -> loss[i][0]))
                .limit(promotedTse.size()).toList();
        assertThat(promotedTse).containsExactlyInAnyOrderElementsOf(bestByLoss);
        assertThat(tse.steps()).allSatisfy(st -> assertThat(st.tse()).isCloseTo(
                java.util.stream.IntStream.range(0, st.epochs()).mapToDouble(e -> loss[st.network()][e]).sum(),
                org.assertj.core.data.Offset.offset(1e-9)));
        List<Integer> promotedAcc = byAcc.steps().stream().filter(s -> s.rung() == 1).map(GuidedSearch.Step::network).toList();
        assertThat(promotedAcc).isNotEqualTo(promotedTse);
        int best = java.util.stream.IntStream.range(0, N).boxed().max(java.util.Comparator.comparingDouble(i -> q[i])).orElseThrow();
        assertThat(tse.winner()).isEqualTo(best);
        // the winner is the best by accuracy among those at the last rung, not by loss
        int last = plan.rungs().length - 1;
        double top = tse.steps().stream().filter(s -> s.rung() == last).mapToDouble(GuidedSearch.Step::accuracy).max()
                .orElseThrow();
        assertThat(tse.winnerAccuracy()).isEqualTo(top);
        // an oracle without losses cannot rank by TSE
        assertThatThrownBy(() -> GuidedSearch.run(rows(q), Oracle.curves(acc), plan, 2, RungScore.TSE,
                new GuidedSearch.Listener() {})).isInstanceOf(IllegalStateException.class).hasMessageContaining("no training loss");
    }
}
