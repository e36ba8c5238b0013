package io.convprobe.predict;

import java.util.List;

/**
 * A model's prediction put on the prior's scale: shifted and stretched so that, on the rows it was
 * fitted on, its predictions have the prior's mean and standard deviation. A fitted model's output
 * is shrunk toward the middle (ridge shrinks; a forest averages), so without this the blend
 * (1 − λ)·prior + λ·model would hand the prior far more than 1 − λ of the ranking; on one scale, λ
 * is the model's share of a rank average, as the prior is itself a rank average of scores. The
 * transformation is increasing, so the model's own ranking (λ = 1) is unchanged. A forest's
 * predictions on its own rows spread wider than on new ones, so its share is, if anything, smaller
 * than λ: the conservative side.
 */
final class OnPriorScale implements Trained {
    private final Trained model;
    private final double scale;
    private final double shift;

    private OnPriorScale(Trained model, double scale, double shift) {
        this.model = model;
        this.scale = scale;
        this.shift = shift;
    }

    /** {@code model}, fitted on {@code rows}, scaled to their priors' mean and spread (a constant model: the priors' mean). */
    static Trained of(Trained model, List<Features> rows) {
        int n = rows.size();
        double[] m = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = model.predict(rows.get(i));
            p[i] = rows.get(i).prior();
        }
        double sm = sd(m);
        double sp = sd(p);
        double scale = sm > 1e-12 ? sp / sm : 0;
        return new OnPriorScale(model, scale, mean(p) - scale * mean(m));
    }

    @Override
    public double predict(Features f) {
        return shift + scale * model.predict(f);
    }

    @Override
    public double spread(Features f) {
        return scale * model.spread(f);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        double mu = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - mu) * (x - mu);
        }
        return Math.sqrt(ss / v.length);
    }
}
