package io.convprobe.search.strategy;

import io.convprobe.UserException;

/** Strategies by name, as {@code search --strategy} takes them. */
public final class Strategies {
    public static final String NAMES = "exhaustive, random, halving, evolution";

    private Strategies() {}

    public static SearchStrategy of(String name, Long budget, long seed, int eta, int minImages, int population,
            int tournament, Objective objective) {
        switch (name) {
            case "exhaustive":
                if (budget != null) {
                    throw new UserException("--budget does not apply to --strategy exhaustive");
                }
                return new Exhaustive();
            case "random":
                return new RandomSample(toInt(required(budget, name), "networks"), seed);
            case "halving":
                return new Halving(required(budget, name), eta, minImages, seed, objective);
            case "evolution":
                return new Evolution(toInt(required(budget, name), "networks"), population, tournament, seed, objective);
            default:
                throw new UserException("--strategy '" + name + "': unknown (known: " + NAMES + ")");
        }
    }

    /** True for the strategies that register all their candidates when the run starts. */
    public static boolean upFront(SearchStrategy s) {
        return s instanceof Exhaustive || s instanceof RandomSample || s instanceof Listed;
    }

    private static long required(Long budget, String name) {
        if (budget == null) {
            throw new UserException("--strategy " + name + " needs --budget");
        }
        return budget;
    }

    private static int toInt(long v, String unit) {
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new UserException("--budget must be 1.." + Integer.MAX_VALUE + " " + unit + ", got " + v);
        }
        return (int) v;
    }
}
