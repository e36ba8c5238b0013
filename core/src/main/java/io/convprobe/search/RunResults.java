package io.convprobe.search;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a search run directory, finished or partial: the canonical configuration (see
 * {@link SearchConfig#canonical()}), run metadata (versions, creation time, threads), every
 * architecture with at least one trial (fitness scored), and the counts.
 */
public record RunResults(Path runDir, Map<String, Object> config, Map<String, String> meta,
        List<ArchAggregate> archs, SearchCounts counts, Map<Long, Double> trial0Accuracy) {
    public RunResults {
        trial0Accuracy = Map.copyOf(trial0Accuracy);
        config = Map.copyOf(config);
        meta = Map.copyOf(meta);
        archs = List.copyOf(archs);
    }

    /** The {@code n} best fully tested architectures by fitness. */
    public List<ArchAggregate> top(int n) {
        return Fitness.top(archs, n);
    }
}
