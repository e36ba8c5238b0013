package io.convprobe.predict;

import java.util.List;
import java.util.Locale;

/**
 * A fitted predictor: prediction = (1 − λ)·prior + λ·model, on the rank scale the model was fitted
 * on (its target: the accuracies' ranks scaled to [0, 1]); the prior alone is λ = 0.
 */
public final class Fitted {
    private final Kind kind;
    private final double lambda;
    private final double cvSpearman;
    private final double cvSe;
    private final Trained model;
    private final List<Double> cv;

    Fitted(Kind kind, double lambda, double cvSpearman, double cvSe, Trained model, List<Double> cv) {
        this.kind = kind;
        this.lambda = kind == Kind.PRIOR ? 0 : lambda;
        this.cvSpearman = cvSpearman;
        this.cvSe = cvSe;
        this.model = model;
        this.cv = List.copyOf(cv);
    }

    /** The model's name: {@code prior}, {@code ridge}, {@code ridge+arch} or {@code forest+arch}. */
    public String model() {
        return kind.label();
    }

    /** The model's weight λ in the blend with the prior (0 for the prior alone). */
    public double blend() {
        return lambda;
    }

    /** Model and blend in one: {@code prior}, or e.g. {@code forest+arch λ0.50}. */
    public String label() {
        return kind == Kind.PRIOR ? kind.label() : String.format(Locale.ROOT, "%s λ%.2f", kind.label(), lambda);
    }

    /**
     * The cross-validated Spearman ρ that chose it, the mean over the repeats' partitions (NaN when
     * too few rows to cross-validate, or not chosen by CV).
     */
    public double cvSpearman() {
        return cvSpearman;
    }

    /** The standard error of {@link #cvSpearman()} (across folds; NaN where that is). */
    public double cvStandardError() {
        return cvSe;
    }

    /** Higher = predicted to train better. */
    public double predict(Features f) {
        return kind == Kind.PRIOR ? f.prior() : (1 - lambda) * f.prior() + lambda * model.predict(f);
    }

    /** The spread of the prediction (the forest: across its trees, times λ); NaN when the model has none. */
    public double spread(Features f) {
        return kind == Kind.PRIOR ? Double.NaN : lambda * model.spread(f);
    }

    /**
     * Out-of-fold predictions of the training rows, in row order, averaged over the repeats (each
     * repeat's is out of fold); the prior's values when the prior was kept; empty from {@code fitAlone}.
     */
    public List<Double> cvPredictions() {
        return cv;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (cv ρ %.3f ± %.3f)", label(), cvSpearman, cvSe);
    }
}
