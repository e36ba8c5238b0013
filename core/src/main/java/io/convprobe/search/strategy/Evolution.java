package io.convprobe.search.strategy;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.Candidates;
import io.convprobe.search.Progress;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Regularized evolution (Real et al. 2019, "aging evolution"). The first P cycles probe a seeded
 * uniform sample; then each cycle draws S distinct members of the population (the last P probed),
 * takes the best by the objective (scored over the whole population, so fitness's min-max
 * normalisation is the population's), mutates one layer choice of it into a valid spec not probed
 * before ({@link RichSpace#mutate}; a uniform unseen draw when 50 mutations find none), probes the
 * child with the full protocol and appends it; the oldest member leaves by falling out of the
 * window. Members cut by a threshold stay in the population with score −∞. The budget counts
 * networks probed.
 *
 * <p>Cycle k's random numbers come from (seed, k) alone and the population is the stored history
 * ({@code evolution} table, in cycle order), so a resumed run makes exactly the choices an
 * uninterrupted one would.
 */
public record Evolution(int budget, int population, int tournament, long seed, Objective objective)
        implements SearchStrategy {
    static final int MUTATION_ATTEMPTS = 50;

    public Evolution {
        if (budget < 1) {
            throw new UserException("--budget must be at least 1 network, got " + budget);
        }
        if (population < 2) {
            throw new UserException("--population must be at least 2, got " + population);
        }
        if (tournament < 1 || tournament > population) {
            throw new UserException("--tournament must be in 1..population (" + population + "), got " + tournament);
        }
    }

    @Override
    public Candidates candidates(RichSpace space, Shape input, RatioRange ratio) {
        return Candidates.chosenAsWeGo("evolution budget " + budget + " networks, population " + population
                + ", tournament " + tournament + ", seed " + seed + ", objective " + objective + ", of space "
                + space.describe() + ", ratio " + ratio);
    }

    @Override
    public void run(StrategyContext ctx) {
        RichSpace space = ctx.space();
        Progress quiet = new Progress(new PrintStream(OutputStream.nullOutputStream()), false, Long.MAX_VALUE,
                System::nanoTime);
        List<long[]> history = ctx.tables().history();
        Map<Long, Long> ids = FullProtocol.probe(ctx, new long[0], quiet); // finishes a child killed mid-trials
        Map<Long, ArchAggregate> results = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        for (long[] h : history) {
            seen.add(h[0]);
        }
        long[] initial = space.sample(Math.min(population, budget), seed, ctx.input(), ctx.ratio());
        RichSpace.Counter counter = space.counter(ctx.input(), ctx.ratio());
        long validCount = counter.counts().valid();
        ctx.progress().start(budget - history.size(), "evolution");
        ArchAggregate best = null;
        try {
            for (int k = history.size(); k < budget; k++) {
                if (seen.size() >= validCount) {
                    ctx.log().accept("evolution: every valid spec has been probed; stopping at " + k);
                    break;
                }
                SplittableRandom rng = new SplittableRandom(mix(seed, k));
                long child;
                long parent = -1;
                if (k < initial.length) {
                    child = initial[k];
                } else {
                    List<Long> pop = new ArrayList<>();
                    for (int i = Math.max(0, history.size() - population); i < history.size(); i++) {
                        pop.add(history.get(i)[0]);
                    }
                    parent = tournament(ctx, pop, results, ids, rng);
                    child = -1;
                    for (int a = 0; a < MUTATION_ATTEMPTS && child < 0; a++) {
                        long c = space.mutate(parent, rng, ctx.input(), ctx.ratio(), MUTATION_ATTEMPTS);
                        if (c >= 0 && !seen.contains(c)) {
                            child = c;
                        }
                    }
                    for (int a = 0; a < 10_000 && child < 0; a++) {
                        long c = counter.draw(rng);
                        if (!seen.contains(c)) {
                            child = c;
                        }
                    }
                    if (child < 0) {
                        ctx.log().accept("evolution: found no unprobed valid spec; stopping at " + k);
                        break;
                    }
                }
                ids = FullProtocol.probe(ctx, new long[] {child}, quiet);
                ctx.tables().addHistory(k, child, parent);
                history.add(new long[] {child, parent});
                seen.add(child);
                ArchAggregate a = result(ctx, child, results, ids);
                ctx.progress().archFinished(a == null ? ArchStatus.FAILED : a.status());
                if (a != null && a.status() == ArchStatus.FULL && (best == null || a.accuracy() > best.accuracy())) {
                    best = a;
                }
                if (best != null && ((k + 1) % 25 == 0 || k + 1 == budget)) {
                    ctx.log().accept(String.format(Locale.ROOT, "evolution: %,d/%,d probed; best accuracy so far %.2f %% (%s)",
                            k + 1, budget, best.accuracy(), best.spec()));
                }
            }
        } finally {
            ctx.progress().finish();
        }
    }

    /** The best of {@code tournament} distinct population members; ties go to the younger one. */
    private long tournament(StrategyContext ctx, List<Long> pop, Map<Long, ArchAggregate> results, Map<Long, Long> ids,
            SplittableRandom rng) {
        List<ArchAggregate> members = new ArrayList<>();
        for (long i : pop) {
            ArchAggregate a = result(ctx, i, results, ids);
            members.add(a == null || a.status() != ArchStatus.FULL ? null : a);
        }
        List<ArchAggregate> scored = members.stream().filter(m -> m != null).toList();
        double[] s = objective.scores(scored);
        double[] score = new double[members.size()];
        for (int i = 0, j = 0; i < members.size(); i++) {
            score[i] = members.get(i) == null ? Double.NEGATIVE_INFINITY : s[j++];
        }
        int[] idx = new int[pop.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        int bestPos = -1;
        int n = Math.min(tournament, idx.length);
        for (int i = 0; i < n; i++) { // partial Fisher–Yates: n distinct members
            int j = i + rng.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            if (bestPos < 0 || score[idx[i]] > score[bestPos] || (score[idx[i]] == score[bestPos] && idx[i] > bestPos)) {
                bestPos = idx[i];
            }
        }
        return pop.get(bestPos);
    }

    private static ArchAggregate result(StrategyContext ctx, long spaceIndex, Map<Long, ArchAggregate> cache,
            Map<Long, Long> ids) {
        ArchAggregate a = cache.get(spaceIndex);
        if (a == null && ids.containsKey(spaceIndex)) {
            a = ctx.tables().aggregate(ids.get(spaceIndex));
            if (a != null && !a.status().needsWork()) {
                cache.put(spaceIndex, a);
            }
        }
        return a;
    }

    /** A generator seed for cycle {@code k}: SplitMix64's finaliser over (seed, k). */
    static long mix(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + (k + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
