package io.convprobe.report;

import io.convprobe.validate.CombinedScore;
import io.convprobe.validate.ProxyMetrics;
import io.convprobe.validate.StudyReport;
import io.convprobe.validate.StudyText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report section of one {@code convprobe validate} study: the verdict in plain words, ρ with
 * its interval per score, the table of every statistic, a scatter per score and the trained
 * architectures.
 */
final class ValidationSection {
    private ValidationSection() {}

    static ReportDocument.Section build(StudyReport r, ChartSink charts) {
        List<ReportDocument.Block> blocks = new ArrayList<>();
        blocks.add(new ReportDocument.Paragraph(r.verdict()));
        Map<String, Object> s = r.settings();
        blocks.add(new ReportDocument.Paragraph(String.format(Locale.ROOT, "%d of the %,d fully tested architectures "
                + "were trained (%s, on %s%s), chosen stratified across the screen's ranking by %s with its top 3 "
                + "always included. Trained accuracy = final validation accuracy on the test split. Intervals: "
                + "percentile bootstrap, 95 %%. The combined score is a ridge regression on the scores' ranks; its "
                + "numbers are leave-one-out (each architecture predicted by a model fitted on the others).",
                r.archs().size(), r.screened(), r.trainingLabel(), s.get("dataset"),
                s.get("train_size") != null ? ", " + s.get("train_size") + " training images" : "", r.by())));
        String base = r.searchRun() + "-" + r.study();
        if (r.proxies().stream().anyMatch(m -> Double.isFinite(m.spearman()))) {
            blocks.add(charts.add(ProxyRhoChart.build(r), base + "-rho",
                    "Spearman ρ of each score with trained accuracy and its 95 % bootstrap interval; dashed red: "
                            + "parameter count's ρ, the baseline a screening score has to beat"));
        }
        blocks.add(table(r));
        if (r.noise() != null) {
            blocks.add(new ReportDocument.Paragraph(StudyText.noiseLine(r.noise()) + " (the ceiling is √ of the "
                    + "Spearman–Brown reliability of the seeds' mean: a score has no seed noise of its own, so it can "
                    + "exceed the seed-to-seed ρ; ρ above is against the seeds' mean)."));
        }
        if (r.predictor() != null && !r.predictor().curve().isEmpty()) {
            blocks.add(new ReportDocument.Subheading("The learned predictor"));
            blocks.add(new ReportDocument.Paragraph("Chosen model: " + r.predictor().model() + ", starting from "
                    + r.predictor().prior() + "'s ranking; its row 'predicted' above is out of sample (nested "
                    + "cross-validation). The curve: ρ on the trained networks left out, against how many it was fitted on."));
            blocks.add(charts.add(LearningCurveChart.build(r.predictor()), base + "-learning-curve",
                    "the predictor's ρ on the networks left out against the number trained, and the prior's"));
        }
        blocks.add(new ReportDocument.Subheading("Each score against trained accuracy"));
        for (ProxyMetrics m : r.proxies()) {
            if (m.n() > 0) {
                blocks.add(charts.add(StudyScatter.build(r, m), base + "-" + m.proxy(),
                        m.proxy() + " against trained accuracy, one point per trained architecture"));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (StudyReport.TrainedArch a : r.archs().stream()
                .sorted(Comparator.comparingDouble(StudyReport.TrainedArch::trainedAccuracy).reversed()).toList()) {
            rows.add(List.of(a.spec(), Integer.toString(a.screenRank()), Fmt.grouped(a.params()),
                    Fmt.percent(a.trainedAccuracy())));
        }
        blocks.add(new ReportDocument.Table("Trained architectures, best first", List.of("architecture",
                "screen rank (" + r.by() + ")", "params", "trained accuracy"), rows, 1));
        return new ReportDocument.Section("Screen vs training: " + r.searchRun() + "/" + r.study(), blocks);
    }

    private static ReportDocument.Table table(StudyReport r) {
        List<List<String>> rows = new ArrayList<>();
        for (ProxyMetrics m : r.proxies()) {
            rows.add(row(m.proxy() + (m.proxy().equals(CombinedScore.NAME) ? " (leave-one-out)" : ""), m));
        }
        for (StudyReport.TrainingScore t : r.trainingScores()) { // measured on the trained networks only
            rows.add(row(String.format(Locale.ROOT, "%s (training, %.0f %% of it)", t.score(), 100 * t.cost()),
                    t.stats()));
        }
        return new ReportDocument.Table("Scores against trained accuracy, best ρ first", List.of("score", "n",
                "Spearman ρ [95 % CI]", "Kendall τ [95 % CI]", "top-10 % precision", "regret of top 5 (points)",
                "partial ρ given params"), rows, 2);
    }

    private static List<String> row(String label, ProxyMetrics m) {
        return List.of(label, Integer.toString(m.n()), ProxyVerdict.coefficient(m.spearman()) + " " + m.spearmanCi(),
                ProxyVerdict.coefficient(m.kendall()) + " " + m.kendallCi(),
                Double.isFinite(m.topPrecision())
                        ? String.format(Locale.ROOT, "%.0f %% of %d", 100 * m.topPrecision(), m.topK()) : "–",
                Double.isFinite(m.regret()) ? String.format(Locale.ROOT, "%.2f", m.regret()) : "–",
                ProxyVerdict.coefficient(m.partialSpearman()));
    }
}
