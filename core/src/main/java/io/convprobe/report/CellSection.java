package io.convprobe.report;

import io.convprobe.cells.CellRanking;
import io.convprobe.cells.CellScreen;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report section of a cell screen ({@code search --preset nb201}, {@code cells.db}): what was
 * screened, the top N by the rank score with every score, a histogram per score and the rank score
 * against parameter count. Its {@code validate} studies get their own sections, as a search's do.
 */
final class CellSection {
    private CellSection() {}

    /** A cell screen as the report shows it: the screen, its name and its ranking by {@code rankBy}. */
    record Screen(String runName, CellScreen screen, String rankBy, List<CellRanking.Ranked> ranked) {
        static Screen of(java.nio.file.Path dir, String rankBy) {
            CellScreen s = CellScreen.read(dir);
            String by = rankBy == null ? s.defaultRank() : rankBy;
            return new Screen(dir.toAbsolutePath().normalize().getFileName().toString(), s, by, s.ranked(by));
        }
    }

    static ReportDocument.Section build(Screen c, ChartSink charts, int topN) {
        List<ReportDocument.Block> blocks = new ArrayList<>();
        CellScreen s = c.screen();
        List<String> names = s.scoreNames();
        blocks.add(new ReportDocument.Paragraph(String.format(Locale.ROOT, "Cell screen of %s (%s) on %s: %,d networks "
                + "scored at the full fidelity (%,d probe images), ranked by %s%s. Scores: %s.", s.config().get("space"),
                s.config().get("strategy"), s.dataset(), c.ranked().size(), s.fidelity(), c.rankBy(),
                CellRanking.members(c.rankBy()).size() > 1 ? " (the average of the scores' ranks; higher is better)" : "",
                String.join(", ", names))));
        if (c.ranked().isEmpty()) {
            blocks.add(new ReportDocument.Paragraph("No network was scored at the full fidelity yet."));
            return new ReportDocument.Section("Cell screen: " + c.runName(), blocks);
        }
        List<String> head = new ArrayList<>(List.of("rank", "network", "rank score"));
        head.addAll(names);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(topN, c.ranked().size()); i++) {
            CellRanking.Ranked r = c.ranked().get(i);
            List<String> row = new ArrayList<>(List.of(Integer.toString(i + 1), r.arch(), num(r.value())));
            names.forEach(n -> row.add(num(r.scores().getOrDefault(n, Double.NaN))));
            rows.add(row);
        }
        blocks.add(new ReportDocument.Table(String.format(Locale.ROOT, "Top %d of %,d by %s", rows.size(),
                c.ranked().size(), c.rankBy()), head, rows, 2));
        String run = c.runName();
        blocks.add(new ReportDocument.Subheading("Scores"));
        for (String n : names) {
            double[] v = c.ranked().stream().mapToDouble(r -> r.scores().getOrDefault(n, Double.NaN)).toArray();
            blocks.add(charts.add(ScoreCharts.histogram(run, n, v), run + "-" + n + "-histogram",
                    "Histogram of " + n + " over the screened networks"));
        }
        if (names.contains("params")) {
            double[] params = c.ranked().stream().mapToDouble(r -> r.scores().get("params")).toArray();
            double[] rank = c.ranked().stream().mapToDouble(CellRanking.Ranked::value).toArray();
            blocks.add(new ReportDocument.Subheading("Rank score and size"));
            blocks.add(charts.add(ScoreCharts.scatter(run + ": " + c.rankBy() + " vs parameter count", "parameters",
                    c.rankBy(), params, rank), run + "-rank-vs-params", "The rank score (" + c.rankBy()
                    + ") against parameter count, one point per network: a screen that only counts size shows a line"));
        }
        return new ReportDocument.Section("Cell screen: " + run, blocks);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "–";
    }
}
