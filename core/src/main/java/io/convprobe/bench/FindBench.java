package io.convprobe.bench;

import io.convprobe.UserException;
import io.convprobe.find.GuidedSearch;
import io.convprobe.find.Oracle;
import io.convprobe.find.RungScore;
import io.convprobe.find.Schedule;
import io.convprobe.predict.Features;
import io.convprobe.stats.Shuffle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code bench find}: the guided search against baselines at equal budget, on a population whose
 * truth is known. A table ({@link #table}): the cost is networks revealed. A pool of recorded
 * learning curves ({@link #pool}, {@link FindPool}): the cost is epochs, the oracle replays seed 1's
 * curve, the truth is the seeds' mean final accuracy. Every method is judged by the truth of the
 * network it returns: regret (the population's best truth minus its truth) and its rank (1 = best).
 */
public final class FindBench {
    public static final int SEED_SET = io.convprobe.find.Find.DEFAULT_SEED_SET;
    public static final int BATCH = io.convprobe.find.Find.BATCH;

    private FindBench() {}

    /** One method's pick on one seed, judged by the truth. */
    public record Pick(String method, long seed, int network, double truth, double regret, int rank, long cost,
            long foundAt) {}

    /** The picks of every method and seed, and the population they came from. */
    public record Outcome(String population, int size, double budget, String unit, List<Pick> picks,
            Map<String, String> notes) {}

    /**
     * Benchmark mode on a table: guided reveal of {@code budget} networks against random and the prior's top.
     * {@code dropTop} &gt; 0 leaves the prior's best {@code dropTop} networks out of the population (a stress
     * test: when the best network is not at the top of the screen's ranking, does the predictor find it?).
     */
    public static Outcome table(PredictorBench.Population p, int budget, int seeds, int dropTop) {
        int[] kept = java.util.Arrays.stream(GuidedSearch.byPrior(p.rows())).skip(dropTop).sorted().toArray();
        double[] acc = java.util.Arrays.stream(kept).mapToDouble(i -> p.accuracy()[i]).toArray();
        List<Features> rows = java.util.Arrays.stream(kept).mapToObj(p.rows()::get).toList();
        if (budget > rows.size()) {
            throw new UserException("bench find: --reveal " + budget + " of only " + rows.size() + " networks");
        }
        Schedule plan = Schedule.fit(rows.size(), 1, budget, SEED_SET, BATCH);
        List<Pick> picks = new ArrayList<>();
        int[] byPrior = GuidedSearch.byPrior(rows);
        for (long s = 0; s < seeds; s++) {
            GuidedSearch.Result g = GuidedSearch.run(rows, Oracle.table(acc), plan, s, new GuidedSearch.Listener() {});
            picks.add(judge("guided", s, g.winner(), acc, g.spent(), foundAt(g, g.winner())));
            picks.add(firstK("random", s, shuffled(rows.size(), s), budget, acc, acc, 1));
            picks.add(firstK("prior top-" + budget, s, byPrior, budget, acc, acc, 1));
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("the table's best", "#" + (1 + java.util.Arrays.stream(byPrior).takeWhile(i -> acc[i]
                != java.util.Arrays.stream(acc).max().orElseThrow()).count()) + " by the prior");
        notes.put("guided", "seed set " + plan.seedSet() + " stratified across the prior's ranking, then the predictor's "
                + "top " + BATCH + " per refit");
        if (dropTop > 0) {
            notes.put("stress test", "the prior's top " + dropTop + " left out of the population");
        }
        return new Outcome(p.name(), rows.size(), budget, "networks", picks, notes);
    }

    /**
     * Pool mode: guided search with the curves oracle against random networks trained fully, the
     * prior's top trained fully, and successive halving from random networks (no screen), all at
     * {@code budget} epochs.
     */
    public static Outcome pool(FindPool pool, double budget, int seeds) {
        int n = pool.rows().size();
        int r = pool.epochs();
        double[] truth = pool.truth();
        double[] finals = pool.observedFinal();
        Schedule plan = Schedule.fit(n, r, budget, SEED_SET, BATCH);
        int k = (int) Math.min(n, Math.floor(budget / r));
        if (k < 1) {
            throw new UserException("bench find --budget " + budget + ": less than one full training (" + r + " epochs)");
        }
        int[] byPrior = GuidedSearch.byPrior(pool.rows());
        // halving without the screen: the same schedule from a random sample (a random prior, every rung-0 network a seed)
        Schedule blind = new Schedule(plan.rungs(), plan.counts(), plan.counts()[0], BATCH, budget);
        List<Pick> picks = new ArrayList<>();
        for (long s = 0; s < seeds; s++) {
            Oracle curves = Oracle.curves(pool.curves(), pool.losses());
            for (RungScore score : RungScore.values()) {
                GuidedSearch.Result g = GuidedSearch.run(pool.rows(), curves, plan, s, score, new GuidedSearch.Listener() {});
                picks.add(judge("guided, rungs by " + score.label(), s, g.winner(), truth, g.spent(), foundAt(g, g.winner())));
            }
            picks.add(firstK("random " + k + " full", s, shuffled(n, s), k, finals, truth, r));
            picks.add(firstK("prior top-" + k + " full", s, byPrior, k, finals, truth, r));
            List<Features> noScreen = randomPrior(pool.rows(), s);
            for (RungScore score : RungScore.values()) {
                GuidedSearch.Result h = GuidedSearch.run(noScreen, curves, blind, s, score, new GuidedSearch.Listener() {});
                picks.add(judge("halving, no screen, rungs by " + score.label(), s, h.winner(), truth, h.spent(),
                        foundAt(h, h.winner())));
            }
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("schedule", plan.describe("epochs"));
        int top = bestObserved(IntStream.range(0, n).toArray(), truth);
        notes.put("the pool's best", "#" + (1 + IntStream.range(0, n).takeWhile(i -> byPrior[i] != top).count())
                + " by the prior");
        return new Outcome(pool.name(), n, budget, "epochs", picks, notes);
    }

    /** The network with the best observed value among {@code idx} (ties: the first). */
    static int bestObserved(int[] idx, double[] observed) {
        int best = idx[0];
        for (int i : idx) {
            if (observed[i] > observed[best]) {
                best = i;
            }
        }
        return best;
    }

    /** {@code foundAt}: the budget spent when the pick was first observed. */
    static Pick judge(String method, long seed, int network, double[] truth, long cost, long foundAt) {
        double max = java.util.Arrays.stream(truth).max().orElseThrow();
        int rank = 1 + (int) java.util.Arrays.stream(truth).filter(t -> t > truth[network]).count();
        return new Pick(method, seed, network, truth[network], max - truth[network], rank, cost, foundAt);
    }

    /** The budget spent when {@code network} was first observed in the search's steps. */
    static long foundAt(GuidedSearch.Result r, int network) {
        return r.steps().stream().filter(s -> s.network() == network).mapToLong(GuidedSearch.Step::spent).min()
                .orElseThrow();
    }

    /** The best observed of the first {@code k} of {@code order}, judged; found at its position × {@code each}. */
    static Pick firstK(String method, long seed, int[] order, int k, double[] observed, double[] truth, int each) {
        int[] idx = java.util.Arrays.copyOf(order, k);
        int best = bestObserved(idx, observed);
        int at = 0;
        while (idx[at] != best) {
            at++;
        }
        return judge(method, seed, best, truth, (long) k * each, (long) (at + 1) * each);
    }

    /** A seeded permutation of 0..n−1 (the seed mixed, so seed s's draws differ from other users' of s). */
    static int[] shuffled(int n, long seed) {
        return Shuffle.permutation(n, seed * 1_000_003L + 17);
    }

    /** The rows with the prior replaced by a seeded random order (the screen unseen). */
    private static List<Features> randomPrior(List<Features> rows, long seed) {
        int[] perm = shuffled(rows.size(), seed + 101);
        List<Features> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Features f = rows.get(i);
            out.add(new Features(f.id(), perm[i] / (double) Math.max(1, rows.size() - 1), f.scores(), f.encoding()));
        }
        return out;
    }

    private static final String START = "<!-- bench-find:start -->";
    private static final String END = "<!-- bench-find:end -->";

    /** Replaces the bench-find section of {@code file} (appends one the first time). */
    public static void writeDocs(Path file, String text) throws IOException {
        DocsSection.write(file, START, END, START + "\n" + text + END);
    }
}
