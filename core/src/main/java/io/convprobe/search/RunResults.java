package io.convprobe.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a search run directory, finished or partial: the canonical configuration (see
 * {@link SearchConfig#canonical()}), run metadata (versions, creation time, threads), every
 * architecture with at least one trial, and the counts. The architectures' fitness is NaN in a
 * {@link ResultStore#snapshot} and set by {@link #scored} ({@link ResultStore#read} gives the
 * published one).
 */
public record RunResults(Path runDir, Map<String, Object> config, Map<String, String> meta,
        List<ArchAggregate> archs, SearchCounts counts, Map<Long, Double> trial0Accuracy) {
    public RunResults {
        trial0Accuracy = Map.copyOf(trial0Accuracy);
        config = Map.copyOf(config);
        meta = Map.copyOf(meta);
        archs = List.copyOf(archs);
    }

    /**
     * The same run with fitness = normalized({@code rankBy}) + weight · normalized(throughput) on
     * the fully tested architectures ({@link Fitness#score}): how a stored run is ranked, for the
     * search's own summary and for the report alike.
     */
    public RunResults scored(double throughputWeight, String rankBy) {
        return new RunResults(runDir, config, meta, Fitness.score(archs, throughputWeight, rankBy), counts,
                trial0Accuracy);
    }

    /** The {@code n} best fully tested architectures by fitness. */
    public List<ArchAggregate> top(int n) {
        return Fitness.top(archs, n);
    }
}
