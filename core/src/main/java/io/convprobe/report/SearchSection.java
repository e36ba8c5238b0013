package io.convprobe.report;

import io.convprobe.search.Fitness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The report section of one search run: counts, the scatter with its Pareto set, histogram, correlations, top-N. */
final class SearchSection {
    private static final List<String> ARCH_HEADERS = List.of("kernel", "stride", "dilation");

    private SearchSection() {}

    static ReportDocument.Section build(SearchSummary run, ChartSink charts, int topN) {
        return build(run, charts, topN, null);
    }

    /**
     * @param caution a validation's warning that this ranking does not predict training (shown
     *                first), or null
     */
    static ReportDocument.Section build(SearchSummary run, ChartSink charts, int topN, String caution) {
        List<ReportDocument.Block> blocks = new ArrayList<>();
        if (caution != null) {
            blocks.add(new ReportDocument.Paragraph(caution));
        }
        blocks.add(new ReportDocument.Paragraph("Ranked by " + (run.rankedByAccuracy()
                ? "the ridge probe's accuracy (the published protocol)" : "the stored score " + run.scoreName())
                + ": fitness = normalized(" + run.scoreName() + ") + " + Fitness.PUBLISHED_WEIGHT
                + " · normalized(throughput), min-max over the fully tested architectures; the Pareto front is over "
                + scoreWords(run) + " and throughput."));
        blocks.add(new ReportDocument.Paragraph(String.format(java.util.Locale.ROOT,
                "Dataset %s. An architecture is probed once; it gets all its trials only if that first trial reaches "
                        + "%s accuracy and %s images/s.",
                run.dataset(), Fmt.percent(run.minAccuracy()), Fmt.grouped(run.minThroughput()))));
        blocks.add(counts(run));

        List<ProbeRow> full = withFitness(run.fullyTestedRows(), blocks);
        String name = run.runName();
        if (full.isEmpty()) {
            blocks.add(new ReportDocument.Paragraph(
                    "No architecture was fully tested, so there is no scatter, Pareto set, correlation matrix or ranking."));
        } else {
            List<ProbeRow> front = ParetoFront.of(full);
            blocks.add(new ReportDocument.Subheading("Throughput vs accuracy"));
            blocks.add(charts.add(ThroughputAccuracyChart.build(new SearchSummary(run.runName(), run.dataset(),
                    run.candidates(), run.invalidShape(), run.cutByThreshold(), run.fullyTested(), run.minAccuracy(),
                    run.minThroughput(), full, run.scoreName())), name + "-throughput-accuracy",
                    "Throughput vs " + scoreWords(run) + " of the fully tested architectures, coloured by compression "
                            + "ratio; the Pareto front (no architecture is both faster and better on "
                            + scoreWords(run) + ") in red"));
            blocks.add(paretoTable(front, run));
        }
        if (!run.rows().isEmpty()) {
            blocks.add(new ReportDocument.Subheading("Trial-0 accuracy"));
            blocks.add(charts.add(AccuracyHistogram.build(run), name + "-trial0-histogram",
                    "Trial-0 probe accuracy of every probed architecture; those left of the threshold were cut"));
        }
        if (full.size() >= 3) {
            CorrelationMatrix m = CorrelationHeatmap.matrix(full);
            blocks.add(new ReportDocument.Subheading("Correlations"));
            blocks.add(charts.add(CorrelationHeatmap.build(name, m, full.size()), name + "-correlation",
                    "Pearson correlation of layer parameters with results over the fully tested architectures "
                            + "(– = undefined: the parameter did not vary)"));
        }
        if (!full.isEmpty()) {
            blocks.add(topTable(full, topN, run));
        }
        return new ReportDocument.Section("Search: " + name, blocks);
    }

    /**
     * The rows with a usable fitness: as given when every row has one, otherwise recomputed for all
     * with the published weight (mixing given and recomputed values would rank on two scales).
     */
    static List<ProbeRow> withFitness(List<ProbeRow> full, List<ReportDocument.Block> notes) {
        if (full.stream().allMatch(r -> Double.isFinite(r.fitness()))) {
            return full;
        }
        notes.add(new ReportDocument.Paragraph("Fitness was not stored for every fully tested architecture; it is "
                + "computed here as normalized(accuracy) + " + Fitness.PUBLISHED_WEIGHT
                + " · normalized(throughput), min-max over the fully tested architectures."));
        return ProbeRow.scored(full, Fitness.PUBLISHED_WEIGHT);
    }

    private static ReportDocument.Table counts(SearchSummary run) {
        List<List<String>> rows = List.of(
                List.of("candidates in the space", Fmt.grouped(run.candidates())),
                List.of("skipped: invalid shape or ratio > limit", Fmt.grouped(run.invalidShape())),
                List.of("probed", Fmt.grouped(run.rows().size())),
                List.of("cut after trial 0 (below a threshold)", Fmt.grouped(run.cutByThreshold())),
                List.of("fully tested", Fmt.grouped(run.fullyTested())));
        return new ReportDocument.Table("Counts", List.of("architectures", "count"), rows, 1);
    }

    private static String scoreWords(SearchSummary run) {
        return run.rankedByAccuracy() ? "mean accuracy" : run.scoreName();
    }

    private static ReportDocument.Table paretoTable(List<ProbeRow> front, SearchSummary run) {
        List<String> headers = new ArrayList<>(List.of("#"));
        headers.addAll(ARCH_HEADERS);
        headers.addAll(resultHeaders(run));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < front.size(); i++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1)));
            row.addAll(archCells(front.get(i)));
            row.addAll(resultCells(front.get(i), run));
            rows.add(row);
        }
        return new ReportDocument.Table("Pareto set (" + front.size() + " architectures, by throughput)", headers, rows, 4);
    }

    private static ReportDocument.Table topTable(List<ProbeRow> full, int topN, SearchSummary run) {
        List<ProbeRow> top = full.stream()
                .sorted(Comparator.comparingDouble(ProbeRow::fitness).reversed())
                .limit(topN).toList();
        List<String> headers = new ArrayList<>(List.of("rank"));
        headers.addAll(ARCH_HEADERS);
        headers.addAll(resultHeaders(run));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1)));
            row.addAll(archCells(top.get(i)));
            row.addAll(resultCells(top.get(i), run));
            rows.add(row);
        }
        return new ReportDocument.Table("Top " + top.size() + " by fitness ("
                + (run.rankedByAccuracy() ? "ridge probe accuracy" : run.scoreName()) + " + throughput)", headers, rows, 4);
    }

    private static List<String> archCells(ProbeRow r) {
        return List.of(ProbeRow.join(r.kernels()), ProbeRow.join(r.strides()), ProbeRow.join(r.dilations()));
    }

    private static List<String> resultHeaders(SearchSummary run) {
        List<String> h = new ArrayList<>(List.of("throughput (img/s)", "accuracy"));
        if (!run.rankedByAccuracy()) {
            h.add(run.scoreName());
        }
        h.addAll(List.of("ratio", "fitness"));
        return h;
    }

    private static List<String> resultCells(ProbeRow r, SearchSummary run) {
        List<String> c = new ArrayList<>(List.of(Fmt.grouped(r.throughput()), Fmt.percent(r.accuracyMean())));
        if (!run.rankedByAccuracy()) {
            c.add(Math.abs(r.score()) >= 1e4 ? String.format(java.util.Locale.ROOT, "%.4g", r.score())
                    : Fmt.fixed(r.score(), 4));
        }
        c.addAll(List.of(Fmt.fixed(r.ratio(), 4), Fmt.fixed(r.fitness(), 3)));
        return c;
    }
}
