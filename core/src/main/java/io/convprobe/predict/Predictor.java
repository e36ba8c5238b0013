package io.convprobe.predict;

import io.convprobe.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A predictor of trained accuracy from training-free scores and the architecture, fitted on the
 * networks trained so far, starting from the best training-free ranking (the prior).
 *
 * <p>The prior enters twice, so that a few trainings never make the ranking worse than the
 * screen's: as a feature of every model, and as the shrinkage target — prediction = (1 − λ)·prior +
 * λ·model with λ ∈ {@link #BLENDS}; λ = 0 is the prior alone. The model and λ are chosen together by
 * the Spearman ρ of {@link #FOLDS}-fold cross-validation predictions on the rows (never by the fit
 * on them); a tie keeps the simpler choice (the prior, then the smaller λ, then the earlier model).
 * Below {@link #MIN_ROWS} rows there is nothing to cross-validate: the prior alone.
 *
 * <p>Target: the trained accuracies' ranks scaled to [0, 1] among the rows fitted on, so a network
 * that failed to train (accuracy NaN or near 0) counts only as the worst, and the model's output is
 * on the prior's percentile scale. A NaN accuracy ranks last.
 */
public final class Predictor {
    public static final int MIN_ROWS = 5;
    public static final int FOLDS = 10;
    static final double[] BLENDS = {0.25, 0.5, 0.75, 1.0};
    static final List<Kind> MODELS = List.of(Kind.RIDGE, Kind.RIDGE_ARCH, Kind.FOREST_ARCH);

    private Predictor() {}

    /** The candidate models' names, the prior first. */
    public static List<String> models() {
        return Arrays.stream(Kind.values()).map(Kind::label).toList();
    }

    /** Chooses among the candidate models by cross-validation on {@code rows} only; deterministic for {@code seed}. */
    public static Fitted fit(List<Features> rows, double[] accuracy, long seed) {
        check(rows, accuracy);
        double[] acc = failedLast(accuracy);
        int n = rows.size();
        double[] prior = rows.stream().mapToDouble(Features::prior).toArray();
        if (n < MIN_ROWS) {
            return new Fitted(Kind.PRIOR, 0, Double.NaN, null, boxed(prior));
        }
        int[] fold = CrossValidation.folds(n, FOLDS, seed);
        Kind best = Kind.PRIOR;
        double bestLambda = 0;
        double bestRho = rho(prior, acc);
        double[] bestCv = prior;
        for (Kind k : MODELS) {
            double[] oof = CrossValidation.outOfFold(k, rows, acc, fold, seed);
            for (double lambda : BLENDS) {
                double[] blend = new double[n];
                for (int i = 0; i < n; i++) {
                    blend[i] = (1 - lambda) * prior[i] + lambda * oof[i];
                }
                double r = rho(blend, acc);
                if (r > bestRho) {
                    best = k;
                    bestLambda = lambda;
                    bestRho = r;
                    bestCv = blend;
                }
            }
        }
        Trained model = best == Kind.PRIOR ? null : best.train(rows, target(acc), seed);
        return new Fitted(best, bestLambda, bestRho, model, boxed(bestCv));
    }

    /**
     * One candidate model alone (λ = 1; {@code prior}: the prior), fitted on all the rows without
     * cross-validation — what the model would do if it were always chosen.
     */
    public static Fitted fitAlone(String model, List<Features> rows, double[] accuracy, long seed) {
        check(rows, accuracy);
        Kind k = Kind.of(model);
        if (rows.size() < 2 && k != Kind.PRIOR) {
            throw new IllegalArgumentException(model + " needs at least 2 rows, got " + rows.size());
        }
        Trained m = k == Kind.PRIOR ? null : k.train(rows, target(failedLast(accuracy)), seed);
        return new Fitted(k, 1, Double.NaN, m, List.of());
    }

    /** The accuracies' average ranks scaled to [0, 1] (all equal: 0.5). */
    static double[] target(double[] accuracy) {
        double[] acc = failedLast(accuracy);
        double[] r = RankCorrelation.averageRanks(acc);
        int n = acc.length;
        for (int i = 0; i < n; i++) {
            r[i] = n > 1 ? (r[i] - 1) / (n - 1) : 0.5;
        }
        return r;
    }

    /** A NaN accuracy (did not train) as the lowest. */
    static double[] failedLast(double[] accuracy) {
        double[] out = accuracy.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = Double.NEGATIVE_INFINITY;
            }
        }
        return out;
    }

    /** Spearman ρ, with an undefined one (a constant prediction) as the worst. */
    static double rho(double[] predicted, double[] accuracy) {
        double r = RankCorrelation.spearman(predicted, accuracy);
        return Double.isNaN(r) ? Double.NEGATIVE_INFINITY : r;
    }

    private static List<Double> boxed(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }

    private static void check(List<Features> rows, double[] accuracy) {
        if (rows.size() != accuracy.length) {
            throw new IllegalArgumentException(rows.size() + " rows but " + accuracy.length + " accuracies");
        }
    }
}
