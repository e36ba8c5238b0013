package io.convprobe.predict;

import java.util.List;

/**
 * The one-standard-error rule (Breiman, Friedman, Olshen and Stone 1984, §3.4.3; glmnet's
 * {@code lambda.1se}): of candidates listed simplest first, take the first whose cross-validated
 * score is within one standard error of the best score. A candidate that beats a simpler one by
 * less than the cross-validation can resolve is noise, and choosing it would trade a sure prior for
 * a gamble; the rule keeps the simpler one unless the data clearly say otherwise.
 */
final class OneSeRule {
    private OneSeRule() {}

    /**
     * A candidate's cross-validated score: the mean over repeats of the Spearman ρ of its out-of-fold
     * predictions, and its standard error (NaN ρ — a constant prediction — counts as the worst).
     */
    record Score(double rho, double se) {}

    /** The index of the first (simplest) of {@code simplestFirst} with ρ ≥ best ρ − the best's standard error. */
    static int choose(List<Score> simplestFirst) {
        if (simplestFirst.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        int best = 0;
        for (int i = 1; i < simplestFirst.size(); i++) {
            if (value(simplestFirst.get(i)) > value(simplestFirst.get(best))) {
                best = i;
            }
        }
        Score b = simplestFirst.get(best);
        double se = Double.isNaN(b.se()) ? 0 : b.se();
        double bar = value(b) - se;
        for (int i = 0; i < best; i++) {
            if (value(simplestFirst.get(i)) >= bar) {
                return i;
            }
        }
        return best;
    }

    private static double value(Score s) {
        return Double.isNaN(s.rho()) ? Double.NEGATIVE_INFINITY : s.rho();
    }
}
