package io.convprobe.validate;

/**
 * How well one score ranks the trained accuracies of a study's architectures.
 *
 * @param proxy           the score's name ({@code combined} for the leave-one-out combination)
 * @param n               architectures with both a finite score and a trained accuracy
 * @param spearman        Spearman ρ (score vs trained accuracy)
 * @param spearmanCi      its bootstrap 95 % interval
 * @param kendall         Kendall τ-b
 * @param kendallCi       its bootstrap 95 % interval
 * @param topK            k = ⌈10 % of n⌉, the size of the "top 10 %"
 * @param topPrecision    share of the score's top k that are among the trained top k (0..1)
 * @param regretK         how many of the score's best the regret looks at (5, or n when smaller)
 * @param regret          best trained accuracy overall − best trained accuracy among the score's top regretK,
 *                        percentage points (0 = the score's top 5 contain the best network)
 * @param partialSpearman Spearman ρ with parameter count partialled out (NaN for the parameter count itself)
 */
public record ProxyMetrics(String proxy, int n, double spearman, Interval spearmanCi, double kendall,
        Interval kendallCi, int topK, double topPrecision, int regretK, double regret, double partialSpearman) {}
