package io.convprobe.report;

import java.util.List;

/**
 * How well a search run's screen ranked architectures compared with training them. The caller
 * computes the rank correlations (with {@code io.convprobe.stats.RankCorrelation}); the report
 * only draws and phrases them.
 *
 * @param searchRun  name of the search run the probe accuracies come from
 * @param points     the architectures both screened and trained
 * @param spearman   Spearman ρ between probe and trained accuracy (NaN if not computable)
 * @param kendall    Kendall τ between probe and trained accuracy (NaN if not computable)
 * @param n          how many architectures the coefficients rest on
 */
public record ProxyValidation(String searchRun, List<ProxyPoint> points, double spearman, double kendall, int n) {

    public ProxyValidation {
        points = List.copyOf(points);
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }
}
