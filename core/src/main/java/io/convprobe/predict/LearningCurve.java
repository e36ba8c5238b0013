package io.convprobe.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Out-of-sample ρ against the number of trained networks: for each size n, {@code repeats} seeded
 * random draws of n revealed rows; the predictor is fitted on them alone and its Spearman ρ measured
 * on the unrevealed rest, beside the prior's ρ and each candidate model's forced alone on the same rest.
 */
public final class LearningCurve {
    private LearningCurve() {}

    /** Mean, sample standard deviation, minimum and maximum of some ρ over the draws. */
    public record Summary(double mean, double sd, double min, double max) {
        static Summary of(double[] v) {
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            return new Summary(mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0,
                    Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN));
        }
    }

    /**
     * One size: the selected predictor's ρ on the rest (mean, sd, min, max), the prior's mean, the
     * model chosen most often (label with λ); then the prior's summary, each candidate alone, how
     * often each label was chosen, and in how many draws the predictor fell below the prior.
     */
    public record Point(int n, double mean, double sd, double min, double max, double priorMean, String mostChosenModel,
            Summary prior, Map<String, Summary> alone, Map<String, Integer> chosen, int belowPrior, int repeats) {}

    /** One draw: what was chosen, the ρ of the selected predictor, the prior and each model alone on the rest. */
    record Draw(String chosen, double selected, double prior, Map<String, Double> alone, double[] restPredictions) {}

    public static List<Point> of(List<Features> all, double[] accuracy, int[] sizes, int repeats, long seed) {
        if (all.size() != accuracy.length) {
            throw new IllegalArgumentException(all.size() + " rows but " + accuracy.length + " accuracies");
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
        List<Point> out = new ArrayList<>();
        for (int n : sizes) {
            if (n < 1 || n > all.size() - 3) {
                throw new IllegalArgumentException("cannot reveal " + n + " of " + all.size()
                        + " networks (between 1 and N − 3, so that ρ on the rest means something)");
            }
            double[] sel = new double[repeats];
            double[] pri = new double[repeats];
            Map<String, double[]> alone = new LinkedHashMap<>();
            Map<String, Integer> chosen = new LinkedHashMap<>();
            int below = 0;
            for (int r = 0; r < repeats; r++) {
                int[] revealed = draw(all.size(), n, new SplittableRandom(seed * 1_000_003L + n * 1_009L + r));
                Draw d = evaluate(all, accuracy, revealed, seed + r);
                sel[r] = d.selected();
                pri[r] = d.prior();
                final int rr = r;
                d.alone().forEach((k, v) -> alone.computeIfAbsent(k, x -> new double[repeats])[rr] = v);
                chosen.merge(d.chosen(), 1, Integer::sum);
                if (d.selected() < d.prior()) {
                    below++;
                }
            }
            String most = null;
            for (Map.Entry<String, Integer> e : chosen.entrySet()) {
                if (most == null || e.getValue() > chosen.get(most)) {
                    most = e.getKey();
                }
            }
            Summary s = Summary.of(sel);
            Map<String, Summary> a = new LinkedHashMap<>();
            alone.forEach((k, v) -> a.put(k, Summary.of(v)));
            Summary p = Summary.of(pri);
            out.add(new Point(n, s.mean(), s.sd(), s.min(), s.max(), p.mean(), most, p, a, chosen, below, repeats));
        }
        return out;
    }

    /** {@code n} distinct rows of {@code total}, ascending (a partial Fisher–Yates shuffle on {@code rng}). */
    static int[] draw(int total, int n, SplittableRandom rng) {
        int[] idx = new int[total];
        for (int i = 0; i < total; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(total - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, n);
        Arrays.sort(out);
        return out;
    }

    /** Fits on the revealed rows only (features and accuracies), predicts the rest, and measures every ρ there. */
    static Draw evaluate(List<Features> all, double[] accuracy, int[] revealed, long seed) {
        boolean[] in = new boolean[all.size()];
        List<Features> train = new ArrayList<>();
        double[] trainAcc = new double[revealed.length];
        for (int k = 0; k < revealed.length; k++) {
            in[revealed[k]] = true;
            train.add(all.get(revealed[k]));
            trainAcc[k] = accuracy[revealed[k]];
        }
        List<Features> rest = new ArrayList<>();
        List<Double> restAccList = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!in[i]) {
                rest.add(all.get(i));
                restAccList.add(accuracy[i]);
            }
        }
        double[] restAcc = Predictor.failedLast(restAccList.stream().mapToDouble(Double::doubleValue).toArray());
        Fitted f = Predictor.fit(train, trainAcc, seed);
        double[] pred = rest.stream().mapToDouble(f::predict).toArray();
        double[] prior = rest.stream().mapToDouble(Features::prior).toArray();
        Map<String, Double> alone = new LinkedHashMap<>();
        for (Kind k : Predictor.MODELS) {
            if (train.size() >= 2) {
                Fitted m = Predictor.fitAlone(k.label(), train, trainAcc, seed);
                alone.put(k.label(), Predictor.rho(rest.stream().mapToDouble(m::predict).toArray(), restAcc));
            }
        }
        return new Draw(f.label(), Predictor.rho(pred, restAcc), Predictor.rho(prior, restAcc), alone, pred);
    }
}
