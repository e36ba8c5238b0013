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
 * @param scoreName         the ranking score the rows' {@code score} holds ({@code ridge} = probe accuracy)
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
        List<ProbeRow> rows,
        String scoreName) {

    public SearchSummary {
        rows = List.copyOf(rows);
    }

    /** A run ranked by the published score (ridge probe accuracy). */
    public SearchSummary(String runName, String dataset, long candidates, long invalidShape, long cutByThreshold,
            long fullyTested, double minAccuracy, double minThroughput, List<ProbeRow> rows) {
        this(runName, dataset, candidates, invalidShape, cutByThreshold, fullyTested, minAccuracy, minThroughput, rows,
                io.convprobe.search.RankScore.RIDGE);
    }

    /** Whether the rows are ranked by the published probe accuracy. */
    public boolean rankedByAccuracy() {
        return scoreName.equals(io.convprobe.search.RankScore.RIDGE);
    }

    /** The y-axis / column title of the ranking score. */
    public String scoreTitle() {
        return rankedByAccuracy() ? "mean probe accuracy (%)" : scoreName + " (proxy score)";
    }

    /** The rows that ran every trial (the ones the scatter, correlation and tables use). */
    public List<ProbeRow> fullyTestedRows() {
        return rows.stream().filter(ProbeRow::fullyTested).toList();
    }
}
