package io.convprobe.probe;

import io.convprobe.arch.ArchSpec;

/**
 * Runs single probe trials of architectures on data and settings fixed at construction. The
 * search decides which trials to run (thresholds, resume); a prober only runs them.
 */
public interface ArchProber extends AutoCloseable {
    TrialResult probe(ArchSpec spec, int trial);

    /**
     * As {@link #probe(ArchSpec, int)}, but a prober that times the network before computing
     * features may stop there when its throughput is below {@code minThroughput}: the result then
     * has that throughput and NaN accuracies (no features, no ridge). The default always probes fully.
     */
    default TrialResult probe(ArchSpec spec, int trial, double minThroughput) {
        return probe(spec, trial);
    }

    @Override
    default void close() {}
}
