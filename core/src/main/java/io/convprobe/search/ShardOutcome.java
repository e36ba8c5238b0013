package io.convprobe.search;

import io.convprobe.probe.TrialResult;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one task returns: the new trials of its shard (in the order they ran), the architectures
 * whose probe threw (id → message; a re-run retries them, as in a local search), where it ran and
 * which attempt it was.
 */
public record ShardOutcome(int shard, List<NewTrial> trials, Map<Long, String> failures, String host, int attempt,
        double seconds) implements Serializable {
    public ShardOutcome {
        trials = List.copyOf(trials);
        failures = Map.copyOf(failures);
    }

    /** One new trial of architecture {@code archId}. */
    public record NewTrial(long archId, TrialResult result) implements Serializable {}
}
