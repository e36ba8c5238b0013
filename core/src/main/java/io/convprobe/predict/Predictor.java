package io.convprobe.predict;

import io.convprobe.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A predictor of trained accuracy from training-free scores and the architecture, fitted on the
 * networks trained so far, starting from the best training-free ranking (the prior).
 *
 * <p>The prior enters twice, so that a few trainings never make the ranking worse than the
 * screen's: as a feature of every model, and as the shrinkage target — prediction = (1 − λ)·prior +
 * λ·model, the model put on the prior's scale ({@link OnPriorScale}), λ ∈ {@link #BLENDS}; λ = 0 is
 * the prior alone. The candidates, simplest first: the prior; each model at λ 0.5; each at λ 1 (λ
 * is how far a candidate departs from the prior, as glmnet's λ path; within a λ, the models in the
 * order of how much they fit). Each is scored by {@link #REPEATS} × {@link #FOLDS}-fold
 * cross-validation on the rows (never by the fit on them), and the choice is the one-standard-error
 * rule ({@link OneSeRule}): the simplest candidate within one standard error of the best. Few
 * candidates, averaged partitions and the rule all serve the same end: with 10 rows a 0.02 gain
 * in cross-validated ρ is noise, and the prior stays unless a model beats it by more than the
 * cross-validation can resolve. Below {@link #MIN_ROWS} rows there is nothing to cross-validate:
 * the prior alone.
 *
 * <p>Target: the trained accuracies' ranks scaled to [0, 1] among the rows fitted on, so a network
 * that failed to train (accuracy NaN or near 0) counts only as the worst. A NaN accuracy ranks last.
 */
public final class Predictor {
    public static final int MIN_ROWS = 5;
    public static final int FOLDS = 5;
    public static final int REPEATS = 5;
    static final double[] BLENDS = {0.5, 1.0};
    static final List<Kind> MODELS = List.of(Kind.RIDGE, Kind.RIDGE_ARCH, Kind.FOREST_ARCH);

    private Predictor() {}

    /** The candidate models' names, the prior first. */
    public static List<String> models() {
        return Arrays.stream(Kind.values()).map(Kind::label).toList();
    }

    /**
     * Chooses among the candidates by cross-validation on {@code rows} only and the one-standard-error
     * rule; deterministic for {@code seed}.
     */
    public static Fitted fit(List<Features> rows, double[] accuracy, long seed) {
        check(rows, accuracy);
        double[] acc = failedLast(accuracy);
        int n = rows.size();
        double[] prior = rows.stream().mapToDouble(Features::prior).toArray();
        if (n < MIN_ROWS) {
            return new Fitted(Kind.PRIOR, 0, Double.NaN, Double.NaN, null, boxed(prior));
        }
        List<Candidate> cands = candidates(rows, acc, seed);
        Candidate c = cands.get(OneSeRule.choose(cands.stream().map(Candidate::score).toList()));
        Trained model = c.kind() == Kind.PRIOR ? null : c.kind().train(rows, target(acc), seed);
        return new Fitted(c.kind(), c.lambda(), c.score().rho(), c.score().se(), model, boxed(meanOver(c.predictions())));
    }

    /** A candidate: a model at a blend λ, its cross-validated score and its out-of-fold predictions per repeat. */
    record Candidate(Kind kind, double lambda, OneSeRule.Score score, List<double[]> predictions) {}

    /** The candidates simplest first (the prior; each model at each λ of {@link #BLENDS}, λ before model), scored. */
    static List<Candidate> candidates(List<Features> rows, double[] acc, long seed) {
        int n = rows.size();
        double[] prior = rows.stream().mapToDouble(Features::prior).toArray();
        List<int[]> folds = CrossValidation.repeatedFolds(n, FOLDS, REPEATS, seed);
        Map<Kind, List<double[]>> oof = new EnumMap<>(Kind.class);
        for (Kind k : MODELS) {
            List<double[]> perRepeat = new ArrayList<>(REPEATS);
            for (int r = 0; r < REPEATS; r++) {
                perRepeat.add(CrossValidation.outOfFold(k, rows, acc, folds.get(r), seed + (long) r * FOLDS));
            }
            oof.put(k, perRepeat);
        }
        List<Candidate> out = new ArrayList<>();
        List<double[]> priorOnly = Collections.nCopies(REPEATS, prior);
        out.add(new Candidate(Kind.PRIOR, 0, CrossValidation.score(priorOnly, folds, acc), priorOnly));
        for (double lambda : BLENDS) {
            for (Kind k : MODELS) {
                List<double[]> p = oof.get(k).stream().map(m -> blend(prior, m, lambda)).toList();
                out.add(new Candidate(k, lambda, CrossValidation.score(p, folds, acc), p));
            }
        }
        return out;
    }

    private static double[] blend(double[] prior, double[] model, double lambda) {
        double[] out = new double[prior.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (1 - lambda) * prior[i] + lambda * model[i];
        }
        return out;
    }

    private static double[] meanOver(List<double[]> repeats) {
        double[] out = new double[repeats.get(0).length];
        for (double[] r : repeats) {
            for (int i = 0; i < out.length; i++) {
                out[i] += r[i] / repeats.size();
            }
        }
        return out;
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
        return new Fitted(k, 1, Double.NaN, Double.NaN, m, List.of());
    }

    /** The accuracies' average ranks scaled to [0, 1] (all equal: 0.5), a failed training last. */
    static double[] target(double[] accuracy) {
        return RankCorrelation.scaledRanks(failedLast(accuracy));
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
