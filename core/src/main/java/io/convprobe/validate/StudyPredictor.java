package io.convprobe.validate;

import io.convprobe.predict.ArchEncoding;
import io.convprobe.predict.Features;
import io.convprobe.predict.Fitted;
import io.convprobe.predict.LearningCurve;
import io.convprobe.predict.Predictor;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.RankScore;
import io.convprobe.stats.Shuffle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The learned predictor of a validate study ({@link Predictor}): fitted on the study's trained
 * networks from every screened network's score percentiles, its architecture encoding and the
 * prior — the percentile of the ranking the study stratified on, the best training-free ranking
 * it starts from. Its quality is only ever reported out of sample:
 * <ul>
 *   <li>nested cross-validation: each trained network's prediction comes from a predictor whose
 *       model choice and fit never saw it (leave-one-out up to {@value #LOO_MAX} networks, else
 *       {@value #OUTER_FOLDS} seeded folds), measured with {@link ProxyStats} like any score;</li>
 *   <li>the learning curve: ρ on the networks not revealed against how many were
 *       ({@link LearningCurve}, seeded draws), beside the prior's ρ on the same rest.</li>
 * </ul>
 * {@code --apply} writes the predictor fitted on every trained network as proxy {@value #NAME}.
 */
public final class StudyPredictor {
    public static final String NAME = "predicted";
    /** The predictor's spread across its trees (a forest only), written beside it by --apply. */
    public static final String SPREAD = "predicted_spread";
    static final int LOO_MAX = 20;
    static final int OUTER_FOLDS = 10;
    /** Seeded draws per size: 5 keeps a 60-network study's analysis near a minute (each fit cross-validates a forest 25 times); bench predictor measures with 20. */
    static final int CURVE_REPEATS = 5;
    static final int[] CURVE_SIZES = {5, 10, 25, 50, 100, 200};

    /** What validate.json keeps: the model chosen on all, its CV ρ, the prior and the learning curve. */
    public record Summary(String model, double cvSpearman, String prior, List<CurvePoint> curve) {}

    /** One size of the learning curve: the predictor's ρ on the rest (mean, sd, min, max) and the prior's. */
    public record CurvePoint(int n, double mean, double sd, double min, double max, double prior, int belowPrior,
            int repeats) {}

    /** The features of every screened network, by id, and the prior's name. */
    record Population(Map<Long, Features> byId, String prior) {
        static Population of(List<ArchAggregate> screened, String prior) {
            Map<Long, Features> out = new HashMap<>();
            features(screened, prior).forEach(f -> out.put(f.id(), f));
            return new Population(out, prior);
        }
    }

    /**
     * Every screened network's features, in the screen's order: the prior = the percentile of
     * {@code prior}'s value among the screen (unscored: 0, the ranking puts it last), the evaluated
     * scores' percentiles (missing: 0.5), the architecture's encoding fitted on the screen.
     */
    public static List<Features> features(List<ArchAggregate> screened, String prior) {
        List<String> inputs = List.copyOf(StudyAnalysis.evaluated(screened));
        Map<Long, Double> priorPct = StudyAnalysis.percentiles(screened, new LinkedHashSet<>(List.of(prior))).get(prior);
        Map<String, Map<Long, Double>> scorePct = StudyAnalysis.percentiles(screened, new LinkedHashSet<>(inputs));
        ArchEncoding enc = ArchEncoding.fit(screened.stream().map(ArchAggregate::spec).toList());
        List<Features> out = new ArrayList<>();
        for (ArchAggregate a : screened) {
            Double p = priorPct.get(a.id());
            out.add(new Features(a.id(), p == null || p.isNaN() ? 0 : p, StudyAnalysis.row(a.id(), inputs, scorePct),
                    enc.encode(a.spec())));
        }
        return out;
    }

    private StudyPredictor() {}

    /** Nested out-of-fold predictions of the trained networks (their order), or null when too few for a fit. */
    static double[] outOfSample(List<Features> rows, double[] acc, long seed) {
        int n = rows.size();
        if (n < Predictor.MIN_ROWS + 1) {
            return null;
        }
        int folds = n <= LOO_MAX ? n : OUTER_FOLDS;
        int[] perm = Shuffle.permutation(n, seed ^ 0x5EEDL);
        double[] out = new double[n];
        for (int f = 0; f < folds; f++) {
            List<Features> train = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (k % folds == f) {
                    held.add(perm[k]);
                } else {
                    train.add(rows.get(perm[k]));
                    y.add(acc[perm[k]]);
                }
            }
            Fitted m = Predictor.fit(train, y.stream().mapToDouble(Double::doubleValue).toArray(), seed);
            for (int i : held) {
                out[i] = m.predict(rows.get(i));
            }
        }
        return out;
    }

    /** The learning curve on the study's own trained networks (sizes that leave at least 3 unrevealed). */
    static List<CurvePoint> curve(List<Features> rows, double[] acc, long seed) {
        List<Integer> sizes = new ArrayList<>();
        for (int s : CURVE_SIZES) {
            if (s <= rows.size() - 3) {
                sizes.add(s);
            }
        }
        if (sizes.isEmpty()) {
            return List.of();
        }
        List<CurvePoint> out = new ArrayList<>();
        for (LearningCurve.Point p : LearningCurve.of(rows, acc, sizes.stream().mapToInt(Integer::intValue).toArray(),
                CURVE_REPEATS, seed)) {
            out.add(new CurvePoint(p.n(), p.mean(), p.sd(), p.min(), p.max(), p.priorMean(), p.belowPrior(),
                    p.repeats()));
        }
        return out;
    }

    /** The predictor's value and spread (NaN when its model has none) for every screened network, by id. */
    public record Predictions(Map<Long, Double> value, Map<Long, Double> spread) {}

    /** The predictor of every screened network, fitted on the report's trained networks (for --apply). */
    public static Predictions apply(StudyReport r, List<ArchAggregate> screened, long seed) {
        if (r.predictor() == null) {
            throw new io.convprobe.UserException("--apply: the study trained " + r.archs().size()
                    + " networks; the predictor needs at least " + (Predictor.MIN_ROWS + 1));
        }
        Population pop = Population.of(screened, r.predictor().prior());
        List<Features> rows = r.archs().stream().map(a -> pop.byId().get(a.id())).toList();
        double[] acc = r.archs().stream().mapToDouble(StudyReport.TrainedArch::trainedAccuracy).toArray();
        Fitted m = Predictor.fit(rows, acc, seed);
        Map<Long, Double> value = new HashMap<>();
        Map<Long, Double> spread = new HashMap<>();
        pop.byId().forEach((id, f) -> {
            value.put(id, m.predict(f));
            spread.put(id, m.spread(f));
        });
        return new Predictions(value, spread);
    }

    /** The prior a study's predictor starts from: the ranking it stratified on, when it is a score of the screen. */
    static String prior(List<ArchAggregate> screened, String by) {
        return screened.stream().anyMatch(a -> Double.isFinite(RankScore.of(a, by))) ? by : RankScore.defaultFor(screened);
    }
}
