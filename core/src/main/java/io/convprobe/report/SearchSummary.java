package io.convprobe.report;

import java.util.List;

/**
 * What the report needs from one search run.
 *
 * @param runName           the run's name (its directory name), used in headings and file names
 * @param dataset           dataset name, e.g. {@code stl10}
 * @param candidates        architectures in the search space that were considered
 * @param invalidShape      skipped: the forward pass failed or the ratio exceeded the limit
 * @param cutByThreshold    probed once and stopped (trial-0 accuracy or throughput below threshold)
 * @param fullyTested       probed for every trial
 * @param minAccuracy       accuracy threshold of trial 0, percent
 * @param minThroughput     throughput threshold of trial 0, images per second
 * @param rows              every probed architecture (cut and fully tested)
 */
public record SearchSummary(
        String runName,
        String dataset,
        long candidates,
        long invalidShape,
        long cutByThreshold,
        long fullyTested,
        double minAccuracy,
        double minThroughput,
        List<ProbeRow> rows) {

    public SearchSummary {
        rows = List.copyOf(rows);
    }

    /** The rows that ran every trial (the ones the scatter, correlation and tables use). */
    public List<ProbeRow> fullyTestedRows() {
        return rows.stream().filter(ProbeRow::fullyTested).toList();
    }
}
