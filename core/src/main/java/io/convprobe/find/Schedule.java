package io.convprobe.find;

import io.convprobe.UserException;
import io.convprobe.train.TrainingSignals;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;

/**
 * A guided search's plan: the rungs (epochs a network has trained after each), how many networks
 * reach each rung, the seed set and the batch between refits. Rungs: R/η², R/η and R (rounded, at
 * least 1, repeats dropped: R = 10 gives 1, 3, 10; a table's R = 1 gives the one rung 1); each rung
 * keeps the best 1/η of the one before (at least 1), so {@code counts[0]} = n0 fixes the whole
 * schedule and its cost; {@link #fit} takes the largest n0 whose cost fits the budget.
 *
 * @param rungs    epochs trained after each rung, ascending; the last is R
 * @param counts   networks reaching each rung
 * @param seedSet  networks of rung 0 chosen stratified across the prior's ranking before any fit
 * @param batch    networks trained between two refits of the predictor
 * @param budget   the budget in cost units (epochs, or networks for a table)
 */
public record Schedule(int[] rungs, int[] counts, int seedSet, int batch, double budget) {
    public static final int ETA = TrainingSignals.ETA;

    public Schedule {
        rungs = rungs.clone();
        counts = counts.clone();
    }

    @Override
    public int[] rungs() {
        return rungs.clone();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    /** The rungs of a full training of {@code r} epochs. */
    public static int[] rungsOf(int r) {
        TreeSet<Integer> s = new TreeSet<>();
        s.add(TrainingSignals.firstRung(r));
        s.add(Math.max(1, (int) Math.round(r / (double) ETA)));
        s.add(r);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Networks per rung when {@code n0} start: each rung keeps ⌊n/η⌋ of the one before, at least 1. */
    public static int[] countsOf(int n0, int rungs) {
        int[] c = new int[rungs];
        c[0] = n0;
        for (int i = 1; i < rungs; i++) {
            c[i] = Math.max(1, c[i - 1] / ETA);
        }
        return c;
    }

    /** Σ counts[i] × (rungs[i] − rungs[i − 1]): trainings are continued, so a promotion costs only its new epochs. */
    public static long cost(int[] rungs, int[] counts) {
        long c = 0;
        for (int i = 0; i < rungs.length; i++) {
            c += (long) counts[i] * (rungs[i] - (i == 0 ? 0 : rungs[i - 1]));
        }
        return c;
    }

    public long cost() {
        return cost(rungs, counts);
    }

    /**
     * The largest schedule over {@code population} networks trained to {@code r} epochs whose cost is
     * within {@code budget} (in the oracle's unit).
     */
    public static Schedule fit(int population, int r, double budget, int seedSet, int batch) {
        if (seedSet < 1) {
            throw new UserException("--seed-set must be at least 1, got " + seedSet);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        int[] rungs = rungsOf(r);
        int best = 0;
        for (int n = 1; n <= population; n++) {
            if (cost(rungs, countsOf(n, rungs.length)) <= budget) {
                best = n;
            }
        }
        if (best == 0) {
            throw new UserException(String.format(Locale.ROOT, "--budget %s: less than one full training (%d %s)",
                    Budget.fmt(budget), cost(rungs, countsOf(1, rungs.length)), r == 1 ? "network" : "epochs"));
        }
        int[] counts = countsOf(best, rungs.length);
        return new Schedule(rungs, counts, Math.min(seedSet, best), batch, budget);
    }

    /** One line: "9 networks to 1 epoch, 3 on to 3, 1 on to 10: 34 of 60 epochs". */
    public String describe(String unit) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rungs.length; i++) {
            b.append(i == 0 ? String.format(Locale.ROOT, "%d networks", counts[0])
                    : String.format(Locale.ROOT, ", %d on", counts[i]));
            if (rungs.length > 1 || rungs[0] > 1) {
                b.append(" to ").append(rungs[i]).append(i == 0 ? (rungs[0] == 1 ? " epoch" : " epochs") : "");
            }
        }
        return b + String.format(Locale.ROOT, " (a seed set of %d, then the predictor's picks in batches of %d): %d of "
                + "%s %s", seedSet, batch, cost(), Budget.fmt(budget), unit);
    }

    @Override
    public String toString() {
        return "Schedule" + Arrays.toString(rungs) + Arrays.toString(counts);
    }
}
