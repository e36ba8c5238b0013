package io.convprobe.find;

import io.convprobe.predict.Features;
import io.convprobe.predict.Fitted;
import io.convprobe.predict.Predictor;
import io.convprobe.validate.Selection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The guided search's loop, deterministic for a seed and the oracle's answers (so a re-run over a
 * store that remembers the answers replays every decision and pays for nothing twice):
 * <ol>
 *   <li>the seed set: {@link Schedule#seedSet} networks stratified across the prior's ranking
 *       ({@link Selection#stratified}, its top 3 always in), observed at rung 0;</li>
 *   <li>until rung 0 holds {@code counts[0]} networks: fit the {@link Predictor} on the rung-0
 *       results so far, predict every network, observe the best-predicted unobserved
 *       {@link Schedule#batch} at rung 0 (ties: the prior, then the population's order);</li>
 *   <li>successive halving: the best {@code counts[i]} of rung i − 1 go on to rung i (their
 *       trainings continued); the winner is the best by accuracy at the last rung.</li>
 * </ol>
 * "Results" and "best" below the last rung are by the {@link RungScore}: the accuracy there, or the
 * training loss summed so far (TSE).
 * A table's oracle has one rung, so there is no halving and the winner is the best revealed.
 */
public final class GuidedSearch {
    /**
     * One observation.
     *
     * @param phase   {@code seed}, {@code guided} or {@code rung<i>}
     * @param cost    what it cost (epochs trained, or 1 network revealed)
     * @param spent   the budget spent after it
     * @param best    index of the best network so far (the highest rung reached, then the best accuracy there)
     */
    public record Step(int step, int network, String phase, int rung, int epochs, double accuracy, double tse, int cost,
            long spent, int best, int bestEpochs, double bestAccuracy) {}

    /** A fit of the predictor: on how many rung-0 results, which model, its cross-validated ρ. */
    public record Refit(int trained, String label, double cvSpearman) {}

    /** The winner (index into the population), its accuracy at its last rung, and everything on the way. */
    public record Result(int winner, int winnerEpochs, double winnerAccuracy, long spent, List<Step> steps,
            List<Refit> refits) {
        /** The last refit's cross-validated ρ (NaN before any cross-validated fit). */
        public double lastCvSpearman() {
            return refits.isEmpty() ? Double.NaN : refits.get(refits.size() - 1).cvSpearman();
        }
    }

    /** Progress callbacks. */
    public interface Listener {
        default void step(Step s) {}

        default void refit(Refit r) {}
    }

    private final List<Features> rows;
    private final Oracle oracle;
    private final Schedule plan;
    private final long seed;
    private final Listener listener;
    private final RungScore score;
    private final int[] rungs;
    private final int[] observedEpochs;
    private final double[][] accuracy; // [network][rung], NaN until observed
    private final double[][] signal; // [network][rung]: the rung score, higher better; NaN until observed
    private final List<Step> steps = new ArrayList<>();
    private final List<Refit> refits = new ArrayList<>();
    private long spent;
    private int best = -1;
    private int bestRung = -1;

    private GuidedSearch(List<Features> rows, Oracle oracle, Schedule plan, long seed, RungScore score,
            Listener listener) {
        this.rows = List.copyOf(rows);
        this.score = score;
        this.oracle = oracle;
        this.plan = plan;
        this.seed = seed;
        this.listener = listener;
        this.rungs = plan.rungs();
        if (rungs[rungs.length - 1] != oracle.fullEpochs()) {
            throw new IllegalArgumentException("the schedule ends at " + rungs[rungs.length - 1] + " epochs, the oracle at "
                    + oracle.fullEpochs());
        }
        if (plan.counts()[0] > rows.size()) {
            throw new IllegalArgumentException(plan.counts()[0] + " networks planned, " + rows.size() + " in the population");
        }
        this.observedEpochs = new int[rows.size()];
        this.accuracy = new double[rows.size()][rungs.length];
        this.signal = new double[rows.size()][rungs.length];
        for (int i = 0; i < rows.size(); i++) {
            Arrays.fill(accuracy[i], Double.NaN);
            Arrays.fill(signal[i], Double.NaN);
        }
    }

    /** Ranks the rungs below the last by accuracy. */
    public static Result run(List<Features> rows, Oracle oracle, Schedule plan, long seed, Listener listener) {
        return run(rows, oracle, plan, seed, RungScore.ACCURACY, listener);
    }

    public static Result run(List<Features> rows, Oracle oracle, Schedule plan, long seed, RungScore score,
            Listener listener) {
        return new GuidedSearch(rows, oracle, plan, seed, score, listener).run();
    }

    /** The population's indices by the prior, best first (ties by index). */
    public static int[] byPrior(List<Features> rows) {
        return IntStream.range(0, rows.size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -rows.get(i).prior()).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    private Result run() {
        int n0 = plan.counts()[0];
        int[] ranked = byPrior(rows);
        List<Integer> trained = new ArrayList<>();
        for (int p : Selection.stratified(ranked.length, plan.seedSet(), seed)) {
            observe(ranked[p], 0, "seed");
            trained.add(ranked[p]);
        }
        while (trained.size() < n0) {
            double[] acc = trained.stream().mapToDouble(i -> signal[i][0]).toArray();
            Fitted f = Predictor.fit(trained.stream().map(rows::get).toList(), acc, seed);
            Refit r = new Refit(trained.size(), f.label(), f.cvSpearman());
            refits.add(r);
            listener.refit(r);
            double[] predicted = rows.stream().mapToDouble(f::predict).toArray();
            int[] next = IntStream.range(0, rows.size()).filter(i -> observedEpochs[i] == 0).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -predicted[i])
                            .thenComparingDouble(i -> -rows.get(i).prior()).thenComparingInt(i -> i))
                    .limit(Math.min(plan.batch(), n0 - trained.size())).mapToInt(Integer::intValue).toArray();
            for (int i : next) {
                observe(i, 0, "guided");
                trained.add(i);
            }
        }
        List<Integer> alive = trained;
        for (int r = 1; r < rungs.length; r++) {
            int from = r - 1;
            alive = alive.stream().sorted(bestBy(signal, from)).limit(plan.counts()[r]).toList();
            for (int i : alive) {
                observe(i, r, "rung" + r);
            }
        }
        int last = rungs.length - 1;
        int winner = alive.stream().sorted(bestAt(last)).findFirst().orElseThrow();
        return new Result(winner, rungs[last], accuracy[winner][last], spent, List.copyOf(steps), List.copyOf(refits));
    }

    /** Best accuracy at rung r first (NaN: a failed training, last), then the prior, then the index. */
    private Comparator<Integer> bestAt(int r) {
        return bestBy(accuracy, r);
    }

    /** Highest {@code value[i][r]} first (NaN last), then the prior, then the index. */
    private Comparator<Integer> bestBy(double[][] value, int r) {
        return Comparator.<Integer>comparingDouble(i -> Double.isNaN(value[i][r]) ? Double.POSITIVE_INFINITY
                : -value[i][r]).thenComparingDouble(i -> -rows.get(i).prior()).thenComparingInt(i -> i);
    }

    private void observe(int i, int rung, String phase) {
        int epochs = rungs[rung];
        int cost = Oracle.cost(observedEpochs[i], epochs);
        if (spent + cost > plan.budget()) {
            throw new IllegalStateException("the schedule overran its budget " + plan.budget() + " at " + (spent + cost));
        }
        double a = oracle.observe(i, epochs);
        double tse = oracle.trainingLoss(i, epochs);
        spent += cost;
        observedEpochs[i] = epochs;
        accuracy[i][rung] = a;
        boolean last = rung == rungs.length - 1;
        if (!last && score == RungScore.TSE && !Double.isNaN(a) && Double.isNaN(tse)) {
            throw new IllegalStateException("--rung-score tse: the oracle records no training loss for network " + i);
        }
        signal[i][rung] = last || Double.isNaN(a) ? a : score.value(a, tse); // a failed training stays last
        if (rung > bestRung || (rung == bestRung && bestAt(rung).compare(i, best) < 0)) {
            best = i;
            bestRung = rung;
        }
        Step s = new Step(steps.size() + 1, i, phase, rung, epochs, a, tse, cost, spent, best, rungs[bestRung],
                accuracy[best][bestRung]);
        steps.add(s);
        listener.step(s);
    }
}
