package io.convprobe.search.strategy;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.Candidates;
import io.convprobe.search.StrategyTables;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Successive halving over probe fidelity. Rung 0 probes a seeded uniform sample of valid specs on
 * the first {@code minImages} train and test images (1 trial); each rung keeps the best ⌈n/η⌉ by
 * the objective and probes them on η times more images, until the protocol's own sizes, where the
 * survivors get the full protocol (all trials, thresholds) in {@code archs}/{@code trials}. Lower
 * rungs are stored in {@code fidelity_trials} with their sizes. The budget counts image-passes
 * (train + test images, per trial): the sample is the largest whose planned rungs fit it.
 *
 * <p>Resume: rung 0's members are the seeded sample; rung r+1's are derived from rung r's stored
 * results, so a re-run recomputes the same rungs and probes only what is missing.
 */
public record Halving(long budget, int eta, int minImages, long seed, Objective objective) implements SearchStrategy {
    public Halving {
        if (eta < 2) {
            throw new UserException("--eta must be at least 2, got " + eta);
        }
        if (minImages < 2) {
            throw new UserException("--min-images must be at least 2, got " + minImages);
        }
        if (budget < 1) {
            throw new UserException("--budget must be at least 1 image-pass, got " + budget);
        }
    }

    /** One rung of the plan. */
    public record Rung(int index, int trainSize, int testSize, int trials, int size, boolean last) {
        public long cost() {
            return (long) size * (trainSize + testSize) * trials;
        }
    }

    @Override
    public Candidates candidates(RichSpace space, Shape input, RatioRange ratio) {
        return Candidates.chosenAsWeGo("halving budget " + budget + " image-passes, eta " + eta + ", min images "
                + minImages + ", seed " + seed + ", objective " + objective + ", of space " + space.describe() + ", ratio "
                + ratio);
    }

    /** The rungs for a rung-0 sample of {@code n}. */
    public List<Rung> rungs(int n, ProbeSettings s) {
        List<Rung> out = new ArrayList<>();
        long images = minImages;
        int size = n;
        for (int r = 0;; r++) {
            int train = (int) Math.min(s.trainSize(), images);
            int test = (int) Math.min(s.testSize(), images);
            boolean last = train == s.trainSize() && test == s.testSize();
            out.add(new Rung(r, train, test, last ? s.trials() : 1, size, last));
            if (last) {
                return out;
            }
            images *= eta;
            size = (size + eta - 1) / eta;
        }
    }

    /** Largest rung-0 sample (at most {@code valid}) whose planned cost fits the budget. */
    public List<Rung> plan(long valid, ProbeSettings s) {
        int lo = 0;
        int hi = (int) Math.min(valid, Integer.MAX_VALUE / 2);
        while (lo < hi) { // cost grows with n
            int mid = (lo + hi + 1) >>> 1;
            if (cost(rungs(mid, s)) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == 0) {
            throw new UserException("--budget " + budget + " image-passes is below one network's rungs ("
                    + cost(rungs(1, s)) + ")");
        }
        return rungs(lo, s);
    }

    public static long cost(List<Rung> rungs) {
        return rungs.stream().mapToLong(Rung::cost).sum();
    }

    @Override
    public void run(StrategyContext ctx) {
        RichSpace space = ctx.space();
        long valid = space.count(ctx.input(), ctx.ratio()).valid();
        List<Rung> plan = plan(valid, ctx.settings());
        ctx.log().accept(String.format(Locale.ROOT, "halving: %s; planned %,d image-passes of %,d",
                describe(plan), cost(plan), budget));
        long[] members = space.sample(plan.get(0).size(), seed, ctx.input(), ctx.ratio());
        for (Rung rung : plan) {
            List<ArchAggregate> results = rung.last() ? probeFull(ctx, members) : probeRung(ctx, rung, members);
            double[] score = objective.scores(results);
            Integer[] order = IntStream.range(0, results.size()).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -score[i])
                    .thenComparingLong(i -> results.get(i).spaceIndex()));
            if (order.length > 0) {
                ArchAggregate best = results.get(order[0]);
                ctx.log().accept(String.format(Locale.ROOT, "halving: rung %d (%d/%d images, %d trial%s) done: %,d "
                        + "probed, best %s %.4g, accuracy %.2f %% (%s)", rung.index(), rung.trainSize(),
                        rung.testSize(), rung.trials(), rung.trials() == 1 ? "" : "s", results.size(), objective,
                        score[order[0]], best.accuracy(), best.spec()));
            }
            if (rung.last()) {
                return;
            }
            int keep = (members.length + eta - 1) / eta;
            long[] next = new long[Math.min(keep, order.length)];
            for (int i = 0; i < next.length; i++) {
                next[i] = results.get(order[i]).spaceIndex();
            }
            Arrays.sort(next); // space order: shared prefixes stay adjacent
            members = next;
        }
    }

    private static String describe(List<Rung> plan) {
        StringBuilder b = new StringBuilder();
        for (Rung r : plan) {
            b.append(b.length() == 0 ? "" : " → ").append(String.format(Locale.ROOT, "%,d×%d/%d%s", r.size(),
                    r.trainSize(), r.testSize(), r.trials() > 1 ? "×" + r.trials() : ""));
        }
        return b.toString();
    }

    /** Trial 0 of every member at the rung's sizes, stored ones skipped; aggregates in member order. */
    private List<ArchAggregate> probeRung(StrategyContext ctx, Rung rung, long[] members) {
        StrategyTables tables = ctx.tables();
        Map<Long, List<TrialResult>> stored = tables.fidelityTrials(rung.trainSize(), rung.testSize());
        long missing = Arrays.stream(members).filter(i -> !stored.containsKey(i)).count();
        ArchProber prober = missing > 0 ? ctx.probers().at(rung.trainSize(), rung.testSize()) : null;
        List<ArchAggregate> out = new ArrayList<>(members.length);
        ctx.progress().start(missing, "rung " + rung.index() + " " + rung.trainSize() + "/" + rung.testSize());
        try {
            for (long i : members) {
                ArchSpec spec = ctx.space().spec(i);
                List<TrialResult> trials = stored.get(i);
                if (trials == null) {
                    TrialResult r = prober.probe(spec, 0);
                    tables.addFidelityTrial(rung.index(), i, rung.trainSize(), rung.testSize(), r);
                    trials = List.of(r);
                    ctx.progress().archFinished(ArchStatus.FULL);
                }
                out.add(ArchAggregate.of(-1, i, spec, SpecFormat.toText(spec), ArchStatus.FULL, trials, Double.NaN, -1,
                        -1, -1));
            }
        } finally {
            ctx.progress().finish();
        }
        return out;
    }

    /** The full protocol for the last rung; architectures cut by a threshold score −∞ (their one trial is not comparable). */
    private static List<ArchAggregate> probeFull(StrategyContext ctx, long[] members) {
        Map<Long, Long> ids = FullProtocol.probe(ctx, members, ctx.progress());
        List<ArchAggregate> out = new ArrayList<>();
        for (long i : members) {
            ArchAggregate a = ctx.tables().aggregate(ids.get(i));
            if (a != null && a.status() == ArchStatus.FULL) {
                out.add(a);
            }
        }
        return out;
    }
}
