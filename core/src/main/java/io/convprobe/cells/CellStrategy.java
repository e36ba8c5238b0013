package io.convprobe.cells;

import io.convprobe.UserException;
import io.convprobe.arch.Nb201Notation;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.search.Progress;
import io.convprobe.space.Nb201Space;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which cells a screen scores and at what fidelity (train = test images of the ridge probe):
 * every cell, a seeded sample, successive halving over images, or regularized evolution with
 * NAS-Bench-201's mutation (one edge's op, {@link Nb201Space#mutate}). A strategy only asks
 * {@link Scores} for scores; the store and the prober are the caller's.
 */
public sealed interface CellStrategy {
    /** Scores on demand (from the store when there) and the rank score's name. */
    interface Scores {
        /**
         * Says which networks the strategy is about to ask for at {@code fidelity}, so an engine
         * can score the unstored ones all at once ({@code --engine spark}); a no-op in this JVM.
         */
        default void prepare(List<Nb201Spec> specs, int fidelity) {}

        /**
         * The network's scores at {@code fidelity}: stored, or scored now (locally), or null when
         * it has none (failed on an engine, or the engine stopped first).
         */
        Map<String, Double> score(Nb201Spec spec, int fidelity);

        /** Everything stored at {@code fidelity}, by architecture. */
        Map<String, Map<String, Double>> all(int fidelity);

        String rankBy();
    }

    /** Runs the strategy; {@code full} is the full protocol's fidelity. */
    void run(Nb201Space space, Scores scores, int full, Progress progress, PrintStream log);

    /** How many networks the strategy will score at the full fidelity (for the dry run), at most. */
    long candidates(Nb201Space space);

    /** The strategy and its parameters, as stored in the run's configuration. */
    String describe();

    /** The strategy {@code name} with its parameters ({@code budget}: networks; null = the space). */
    static CellStrategy of(String name, Long budget, long seed, int eta, int minImages, int population, int tournament) {
        return switch (name) {
            case "exhaustive" -> new Exhaustive();
            case "random" -> {
                if (budget == null || budget < 1) {
                    throw new UserException("--strategy random needs --budget N (networks) >= 1");
                }
                yield new Random(budget, seed);
            }
            case "halving" -> {
                if (eta < 2 || minImages < 10) {
                    throw new UserException("halving needs --eta >= 2 and --min-images >= 10");
                }
                yield new Halving(budget, seed, eta, minImages);
            }
            case "evolution" -> {
                if (budget == null || budget < population || population < 2 || tournament < 1 || tournament > population) {
                    throw new UserException("evolution needs --budget >= --population >= 2 and 1 <= --tournament <= --population");
                }
                yield new Evolution(budget, seed, population, tournament);
            }
            default -> throw new UserException("--strategy '" + name + "': unknown (exhaustive, random, halving, evolution)");
        };
    }

    /** Scores every cell of {@code cells} at full fidelity, all announced first (an engine scores them at once). */
    private static void scoreAll(List<Nb201Spec> cells, Scores scores, int full, Progress progress) {
        progress.start(cells.size());
        scores.prepare(cells, full);
        for (Nb201Spec s : cells) {
            scores.score(s, full);
        }
    }

    /** Every cell of the space in index order. */
    record Exhaustive() implements CellStrategy {
        @Override
        public void run(Nb201Space space, Scores scores, int full, Progress progress, PrintStream log) {
            scoreAll(space.all(), scores, full, progress);
        }

        @Override
        public long candidates(Nb201Space space) {
            return space.size();
        }

        @Override
        public String describe() {
            return "exhaustive";
        }
    }

    /** The cells of a file ({@code --archs}, {@link CellList}), in its order. */
    record Listed(List<Nb201Spec> cells, String source) implements CellStrategy {
        public Listed {
            cells = List.copyOf(cells);
        }

        @Override
        public void run(Nb201Space space, Scores scores, int full, Progress progress, PrintStream log) {
            scoreAll(cells, scores, full, progress);
        }

        @Override
        public long candidates(Nb201Space space) {
            return cells.size();
        }

        @Override
        public String describe() {
            return "listed " + cells.size() + " cells of " + source;
        }
    }

    /** {@code budget} distinct cells drawn with {@code seed}. */
    record Random(long budget, long seed) implements CellStrategy {
        @Override
        public void run(Nb201Space space, Scores scores, int full, Progress progress, PrintStream log) {
            scoreAll(space.sample(Math.toIntExact(Math.min(budget, space.size())), seed), scores, full, progress);
        }

        @Override
        public long candidates(Nb201Space space) {
            return Math.min(budget, space.size());
        }

        @Override
        public String describe() {
            return "random budget " + budget + " seed " + seed;
        }
    }

    /**
     * Successive halving: {@code budget} sampled cells (the whole space when null) at
     * {@code minImages} images; the best 1/eta by the rank score go on with eta times the images,
     * until the full fidelity, which every survivor gets.
     */
    record Halving(Long budget, long seed, int eta, int minImages) implements CellStrategy {
        @Override
        public void run(Nb201Space space, Scores scores, int full, Progress progress, PrintStream log) {
            List<Nb201Spec> alive = budget == null ? space.all()
                    : space.sample(Math.toIntExact(Math.min(budget, space.size())), seed);
            int images = Math.min(minImages, full);
            while (true) {
                progress.start(alive.size(), "halving " + images + " images");
                Map<String, Map<String, Double>> rung = new java.util.LinkedHashMap<>();
                scores.prepare(alive, images);
                for (Nb201Spec s : alive) {
                    Map<String, Double> v = scores.score(s, images);
                    if (v != null) { // null: failed on the engine (a re-run retries it)
                        rung.put(Nb201Notation.format(s), v);
                    }
                }
                progress.finish();
                if (images >= full || rung.isEmpty()) {
                    return;
                }
                if (rung.size() < alive.size()) {
                    log.printf("halving: %d images: %d of %d networks have no scores; ranking the other %d%n", images,
                            alive.size() - rung.size(), alive.size(), rung.size());
                }
                List<CellRanking.Ranked> ranked = CellRanking.rank(rung, scores.rankBy());
                int keep = Math.min(ranked.size(), Math.max(1, alive.size() / eta));
                List<Nb201Spec> next = new ArrayList<>();
                for (int i = 0; i < keep; i++) {
                    next.add(Nb201Notation.parse(ranked.get(i).arch()));
                }
                log.printf("halving: %d images: kept the best %d of %d%n", images, keep, alive.size());
                alive = next;
                images = Math.min(full, images * eta);
            }
        }

        @Override
        public long candidates(Nb201Space space) {
            return budget == null ? space.size() : Math.min(budget, space.size());
        }

        @Override
        public String describe() {
            return "halving budget " + budget + " seed " + seed + " eta " + eta + " min-images " + minImages;
        }
    }

    /**
     * Regularized evolution (Real et al. 2019, as NAS-Bench-201's R-EA): a population of
     * {@code population} random cells; each cycle draws {@code tournament} members, mutates the best
     * (by the rank score among every network scored so far) and replaces the oldest; {@code budget}
     * networks in all.
     */
    record Evolution(long budget, long seed, int population, int tournament) implements CellStrategy {
        @Override
        public void run(Nb201Space space, Scores scores, int full, Progress progress, PrintStream log) {
            SplittableRandom rng = new SplittableRandom(seed);
            progress.start(budget);
            Deque<Nb201Spec> pop = new ArrayDeque<>();
            for (Nb201Spec s : space.sample(population, seed)) {
                scores.score(s, full);
                pop.addLast(s);
            }
            for (long done = population; done < budget; done++) {
                List<Nb201Spec> members = new ArrayList<>(pop);
                Map<String, Double> value = CellRanking.values(scores.all(full), scores.rankBy());
                Nb201Spec best = null;
                for (int i = 0; i < tournament; i++) {
                    Nb201Spec m = members.get(rng.nextInt(members.size()));
                    if (best == null || value.getOrDefault(Nb201Notation.format(m), Double.NEGATIVE_INFINITY)
                            > value.getOrDefault(Nb201Notation.format(best), Double.NEGATIVE_INFINITY)) {
                        best = m;
                    }
                }
                Nb201Spec child = space.mutate(best, rng);
                scores.score(child, full);
                pop.addLast(child);
                pop.removeFirst();
            }
        }

        @Override
        public long candidates(Nb201Space space) {
            return budget;
        }

        @Override
        public String describe() {
            return "evolution budget " + budget + " seed " + seed + " population " + population + " tournament " + tournament;
        }
    }
}
