package io.convprobe.bench;

import io.convprobe.TextTable;
import io.convprobe.predict.LearningCurve;
import io.convprobe.predict.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code bench predictor}'s Markdown: the learning curve table and the study's leave-one-out. */
public final class PredictorBenchText {
    private PredictorBenchText() {}

    /** The learning curve on {@code p}: per size, the selected predictor, the prior and each model alone on the unrevealed rest. */
    public static String curve(PredictorBench.Population p, String column, List<LearningCurve.Point> points, long seed) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d networks, %s; target %s. Features: the percentiles of %s, the prior "
                + "(percentile of the rank average %s) and %d architecture columns. Per size n: %d seeded random draws "
                + "(seed %d) of n revealed networks; the predictor is fitted on them alone and Spearman ρ is measured on "
                + "the unrevealed rest (mean ± sd [min, max]).%n%n", p.rows().size(), p.name(), column,
                String.join(", ", p.scores()), p.prior(), p.encodingColumns(), points.isEmpty() ? 0 : points.get(0).repeats(),
                seed));
        List<String> head = new ArrayList<>(List.of("revealed", "predictor (selected by CV)", "prior"));
        List<String> models = Predictor.models().subList(1, Predictor.models().size());
        models.forEach(m -> head.add(m + " alone"));
        head.add("below the prior");
        head.add("chosen most");
        TextTable t = new TextTable(head.toArray(String[]::new));
        for (LearningCurve.Point pt : points) {
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(pt.n()));
            row.add(cell(pt.mean(), pt.sd(), pt.min(), pt.max()));
            row.add(cell(pt.prior()));
            for (String m : models) {
                LearningCurve.Summary s = pt.alone().get(m);
                row.add(s == null ? "—" : cell(s));
            }
            row.add(pt.belowPrior() + " of " + pt.repeats());
            row.add(pt.mostChosenModel() + " (" + pt.chosen().get(pt.mostChosenModel()) + ")");
            t.row(row.toArray());
        }
        return b.append(t.markdown()).toString();
    }

    /** The study's leave-one-out ρ of the predictor against the prior and today's combined score. */
    public static String study(PredictorBench.StudyResult r) {
        PredictorBench.Population p = r.population();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d trained networks of %s; features: the percentiles of %s, the prior "
                + "(percentile of %s) and %d architecture columns. Leave-one-out: each network predicted by a "
                + "predictor fitted, and its model chosen, without it.%n%n", p.rows().size(), p.name(),
                String.join(", ", p.scores()), p.prior(), p.encodingColumns()));
        TextTable t = new TextTable("ranking", "Spearman ρ, leave-one-out");
        t.row("predictor", String.format(Locale.ROOT, "%.3f", r.looRho()));
        t.row("combined score (today's: ridge on the percentiles)", String.format(Locale.ROOT, "%.3f", r.combinedLoo()));
        t.row("prior alone (" + p.prior() + ", nothing fitted)", String.format(Locale.ROOT, "%.3f", r.priorRho()));
        b.append(t.markdown()).append('\n');
        StringBuilder chosen = new StringBuilder();
        for (Map.Entry<String, Integer> e : r.chosen().entrySet()) {
            chosen.append(chosen.length() == 0 ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue());
        }
        b.append(String.format(Locale.ROOT, "Chosen in the %d fits: %s. Fitted on all %d: %s.%n", p.rows().size(), chosen,
                p.rows().size(), r.onAll()));
        return b.toString();
    }

    private static String cell(LearningCurve.Summary s) {
        return cell(s.mean(), s.sd(), s.min(), s.max());
    }

    private static String cell(double mean, double sd, double min, double max) {
        return String.format(Locale.ROOT, "%.3f ± %.3f [%.2f, %.2f]", mean, sd, min, max);
    }
}
