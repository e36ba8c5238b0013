package io.convprobe.search;

/**
 * Where an architecture stands in a search. Stored by name in the {@code archs} table, so the
 * names are part of the results format.
 */
public enum ArchStatus {
    /** Some layer's (dilated) kernel is larger than its input: never probed. */
    INVALID_SHAPE,
    /** Fits, but output elements / input elements is outside the ratio range: never probed. */
    RATIO_OUT_OF_RANGE,
    /** Valid and not finished: no trial yet, or interrupted between trials. */
    PENDING,
    /** Trial 0 fell below the accuracy or throughput threshold: no further trials. */
    CUT,
    /** All trials done. */
    FULL,
    /** The prober threw; retried on resume. */
    FAILED;

    /** True for the statuses a (re-)run still has work for. */
    public boolean needsWork() {
        return this == PENDING || this == FAILED;
    }
}
