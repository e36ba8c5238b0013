package io.convprobe.validate;

import io.convprobe.search.ArchAggregate;
import io.convprobe.search.RankScore;
import io.convprobe.train.TrainingSignals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a study's trained accuracies into its {@link StudyReport}: every evaluated score's
 * {@link ProxyStats}, the leave-one-out combined score, the verdict.
 *
 * <p>Evaluated scores: every proxy the search stored, plus {@code ridge}, {@code params} and
 * {@code macs} (from the architecture's own columns when not stored: a chain search's baselines are
 * always there; a cell screen's only when it stored them); {@code combined} itself is never an input (it was fitted on trained accuracies).
 * Training-time scores ({@link TrainingScores}) and the seed noise ({@link SeedNoise}) are measured
 * beside them; neither is an input of the combined score (the screened networks have no training).
 */
public final class StudyAnalysis {
    /**
     * A trained architecture: its search row, screen rank (1 = best), trained spec and accuracy (percent,
     * the study seed's), its accuracy per seed (the study seed's first, NaN where not trained) and the
     * training-time scores of its study-seed training (null when its epochs are not known).
     */
    public record Trained(ArchAggregate arch, int screenRank, String trainedSpec, double accuracy,
            List<Double> seedAccuracies, TrainingSignals signals) {
        /** One seed, no epochs known (e.g. an accuracy measured elsewhere). */
        public Trained(ArchAggregate arch, int screenRank, String trainedSpec, double accuracy) {
            this(arch, screenRank, trainedSpec, accuracy, List.of(accuracy), null);
        }

        double[] seeds() {
            return seedAccuracies.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private StudyAnalysis() {}

    /** Best ρ first, undefined ones last. */
    static final Comparator<ProxyMetrics> BEST_FIRST = Comparator.comparingDouble(
            (ProxyMetrics m) -> Double.isNaN(m.spearman()) ? 2 : -m.spearman());

    public static Set<String> evaluated(List<ArchAggregate> screened) {
        Set<String> names = new TreeSet<>(RankScore.stored(screened));
        for (String base : List.of("ridge", "params", "macs")) { // a cell screen may have stored neither
            if (screened.stream().anyMatch(a -> Double.isFinite(RankScore.of(a, base)))) {
                names.add(base);
            }
        }
        names.remove(CombinedScore.NAME);
        names.remove(StudyPredictor.NAME); // fitted on trained accuracies too (--apply)
        names.remove(StudyPredictor.SPREAD);
        return names;
    }

    /** Percentile of each evaluated score among the screened architectures, by arch id. */
    public static Map<String, Map<Long, Double>> percentiles(List<ArchAggregate> screened, Set<String> names) {
        Map<String, Map<Long, Double>> out = new LinkedHashMap<>();
        for (String name : names) {
            double[] v = screened.stream().mapToDouble(a -> RankScore.of(a, name)).toArray();
            double[] p = CombinedScore.percentiles(v);
            Map<Long, Double> m = new HashMap<>();
            for (int i = 0; i < p.length; i++) {
                m.put(screened.get(i).id(), p[i]);
            }
            out.put(name, m);
        }
        return out;
    }

    /** The combined score's input row of an architecture: percentiles, a missing one as the median. */
    public static double[] row(long id, List<String> inputs, Map<String, Map<Long, Double>> pct) {
        double[] r = new double[inputs.size()];
        for (int j = 0; j < r.length; j++) {
            Double v = pct.get(inputs.get(j)).get(id);
            r[j] = v == null || v.isNaN() ? 0.5 : v;
        }
        return r;
    }

    public static StudyReport analyse(String searchRun, String study, String by, Map<String, Object> settings,
            List<ArchAggregate> screened, int planned, List<Trained> trained, long seed, int resamples) {
        Set<String> names = evaluated(screened);
        List<String> inputs = List.copyOf(names);
        Map<String, Map<Long, Double>> pct = percentiles(screened, names);
        int n = trained.size();
        SeedNoise noise = SeedNoise.of(trained.stream().map(Trained::seeds).toList(), seed, resamples);
        // with the noise measured, the truth is each network's mean over its seeds
        double[] acc = trained.stream().mapToDouble(t -> noise == null ? t.accuracy() : SeedNoise.mean(t.seeds()))
                .toArray();
        double[] params = trained.stream().mapToDouble(t -> RankScore.of(t.arch(), "params")).toArray();
        List<ProxyMetrics> rows = new ArrayList<>();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (String name : names) {
            double[] s = trained.stream().mapToDouble(t -> RankScore.of(t.arch(), name)).toArray();
            scores.put(name, s);
            rows.add(ProxyStats.of(name, s, acc, params, seed, resamples));
        }
        StudyReport.Combined combined = null;
        if (n >= 4) {
            double[][] x = trained.stream().map(t -> row(t.arch().id(), inputs, pct)).toArray(double[][]::new);
            double[] loo = CombinedScore.leaveOneOut(inputs, x, acc, CombinedScore.ALPHA);
            scores.put(CombinedScore.NAME, loo);
            rows.add(ProxyStats.of(CombinedScore.NAME, loo, acc, params, seed, resamples));
            CombinedScore all = CombinedScore.fit(inputs, x, acc, CombinedScore.ALPHA);
            combined = new StudyReport.Combined(inputs, java.util.Arrays.stream(all.weights()).boxed().toList(),
                    all.intercept(), CombinedScore.ALPHA);
        }
        StudyPredictor.Summary predictor = null;
        if (n > io.convprobe.predict.Predictor.MIN_ROWS) {
            String prior = StudyPredictor.prior(screened, by);
            StudyPredictor.Population pop = StudyPredictor.Population.of(screened, prior);
            List<io.convprobe.predict.Features> feats = trained.stream().map(t -> pop.byId().get(t.arch().id())).toList();
            double[] oos = StudyPredictor.outOfSample(feats, acc, seed);
            scores.put(StudyPredictor.NAME, oos);
            rows.add(ProxyStats.of(StudyPredictor.NAME, oos, acc, params, seed, resamples));
            io.convprobe.predict.Fitted fit = io.convprobe.predict.Predictor.fit(feats, acc, seed);
            predictor = new StudyPredictor.Summary(fit.label(), fit.cvSpearman(), prior,
                    StudyPredictor.curve(feats, acc, seed));
        }
        rows.sort(BEST_FIRST);
        List<StudyReport.TrainingScore> timed = TrainingScores.of(trained, acc, params, seed, resamples);
        List<ProxyMetrics> all = new ArrayList<>(rows);
        timed.forEach(t -> all.add(t.stats()));
        SeedNoise measured = noise == null ? null : noise.withScores(all);
        boolean multiSeed = trained.stream().anyMatch(t -> t.seeds().length > 1);
        List<StudyReport.TrainedArch> archs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Trained t = trained.get(i);
            Map<String, Double> sc = new LinkedHashMap<>();
            Map<String, Double> pc = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : scores.entrySet()) {
                sc.put(e.getKey(), e.getValue()[i]);
                Map<Long, Double> p = pct.get(e.getKey());
                if (p != null) {
                    pc.put(e.getKey(), p.getOrDefault(t.arch().id(), Double.NaN));
                }
            }
            archs.add(new StudyReport.TrainedArch(t.arch().id(), t.arch().spec(), t.trainedSpec(), t.screenRank(),
                    acc[i], t.arch().params(), sc, pc, multiSeed ? t.seedAccuracies() : List.of(),
                    t.signals() == null ? Map.of() : t.signals().scores()));
        }
        String[] v = Verdict.of(rows, n);
        String verdict = v[0] + Verdict.noise(rows, measured) + Verdict.training(timed);
        return new StudyReport(searchRun, study, by, settings, screened.size(), planned, archs, rows, combined, verdict,
                Boolean.parseBoolean(v[2]), v[1], timed, measured, predictor);
    }

    /** The final combined model of a report, applied to every screened architecture (for --apply). */
    public static Map<Long, Double> apply(StudyReport r, List<ArchAggregate> screened) {
        if (r.combined() == null) {
            throw new io.convprobe.UserException("--apply: the study trained " + r.archs().size()
                    + " architectures; the combined score needs at least 4");
        }
        List<String> inputs = r.combined().inputs();
        Map<String, Map<Long, Double>> pct = percentiles(screened, new java.util.LinkedHashSet<>(inputs));
        Map<Long, Double> out = new HashMap<>();
        for (ArchAggregate a : screened) {
            double[] x = row(a.id(), inputs, pct);
            double s = r.combined().intercept();
            for (int j = 0; j < x.length; j++) {
                s += r.combined().weights().get(j) * x[j];
            }
            out.put(a.id(), s);
        }
        return out;
    }
}
