package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.search.strategy.Listed;
import io.convprobe.search.strategy.Objective;
import io.convprobe.search.strategy.SearchStrategy;
import io.convprobe.search.strategy.Strategies;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code search}'s choice of candidates and strategy. */
public final class StrategyOptions {
    @Option(names = "--sample", paramLabel = "N", description = "Probe N distinct valid specs drawn at random (with --seed) instead of the whole space (= --strategy random --budget N).")
    Integer sample;

    @Option(names = "--strategy", defaultValue = "exhaustive", paramLabel = "NAME",
            description = "exhaustive (every spec, default), random (--budget networks), halving (successive halving over "
                    + "probe fidelity, --budget image-passes) or evolution (regularized evolution, --budget networks).")
    String strategyName;

    @Option(names = "--budget", paramLabel = "N", description = "random/evolution: networks to probe; halving: image-passes "
            + "(train + test images per trial, e.g. 2000000).")
    Long budget;

    @Option(names = "--eta", defaultValue = "3", paramLabel = "ETA", description = "halving: keep the best 1/ETA of each rung, "
            + "ETA times more images on the next (default ${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--min-images", defaultValue = "100", paramLabel = "N",
            description = "halving: train and test images of rung 0 (default ${DEFAULT-VALUE}).")
    int minImages;

    @Option(names = "--population", defaultValue = "50", paramLabel = "P", description = "evolution: population size (default ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--tournament", defaultValue = "10", paramLabel = "S", description = "evolution: members drawn per cycle, the best is mutated (default ${DEFAULT-VALUE}).")
    int tournament;

    @Option(names = "--objective", defaultValue = "fitness", paramLabel = "NAME",
            description = "halving/evolution rank by: fitness (the published one, default), accuracy, or a stored proxy's name.")
    String objective;

    @Option(names = "--search-seed", paramLabel = "S", description = "Seed of the strategy's choices (sample, mutations; default: --seed). "
            + "--seed alone also changes the random weights.")
    Long searchSeed;

    @Option(names = "--archs", paramLabel = "FILE", description = "Probe the specs in FILE (one per line, any spec form; # comments) instead of a space.")
    Path archs;

    /** Refuses contradicting flags before anything is opened. */
    void check() {
        if (sample != null && archs != null) {
            throw new UserException("--sample and --archs exclude each other");
        }
        if (sample != null && (budget != null || !strategyName.equals("exhaustive"))) {
            throw new UserException("--sample N is --strategy random --budget N: give one or the other");
        }
    }

    /** The cell-space strategy the flags name ({@code --sample N}: random, budget N). */
    io.convprobe.cells.CellStrategy cellStrategy(long seed) {
        return io.convprobe.cells.CellStrategy.of(sample != null ? "random" : strategyName,
                sample != null ? Long.valueOf(sample) : budget, searchSeed != null ? searchSeed : seed, eta, minImages,
                population, tournament);
    }

    /** The strategy the flags name ({@code --archs}: the listed specs; {@code --sample N}: random, budget N). */
    SearchStrategy strategy(long seed, double fitnessWeight) {
        if (archs != null) {
            return new Listed(archs);
        }
        return Strategies.of(sample != null ? "random" : strategyName, sample != null ? Long.valueOf(sample) : budget,
                searchSeed != null ? searchSeed : seed, eta, minImages, population, tournament,
                new Objective(objective, fitnessWeight));
    }
}
