package io.convprobe.probe;

import io.convprobe.arch.ArchSpec;

/**
 * Runs single probe trials of architectures on data and settings fixed at construction. The
 * search decides which trials to run (thresholds, resume); a prober only runs them.
 */
public interface ArchProber extends AutoCloseable {
    TrialResult probe(ArchSpec spec, int trial);

    @Override
    default void close() {}
}
