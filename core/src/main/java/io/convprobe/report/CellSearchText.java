package io.convprobe.report;

import io.convprobe.TextTable;
import io.convprobe.cells.CellRanking;
import io.convprobe.cells.CellSearch;
import io.convprobe.search.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What {@code search --preset nb201} prints: the dry run's estimate, or the counts and the top 10. */
public final class CellSearchText {
    private CellSearchText() {}

    public static String dryRun(CellSearch.DryRun d) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %,d networks to score%n", d.strategy(), d.networks()));
        for (int i = 0; i < d.timed().size(); i++) {
            b.append(String.format(Locale.ROOT, "  timed %.2f s  %s%n", d.seconds()[i], d.timed().get(i)));
        }
        b.append(String.format(Locale.ROOT, "estimated: %s (median of the five per network; measured here, now)%n",
                Progress.duration(d.estimateSeconds())));
        return b.toString();
    }

    public static String outcome(Path runDir, CellSearch.Outcome o) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "scored %,d networks in %s (%,d more from the store); %,d ranked by %s%n",
                o.scored(), Progress.duration(o.seconds()), o.resumed(), o.ranked().size(), o.rankBy()));
        b.append("results: ").append(runDir.resolve("results.csv")).append('\n');
        if (o.ranked().isEmpty()) {
            return b.toString();
        }
        List<String> names = new ArrayList<>(o.ranked().get(0).scores().keySet());
        List<String> head = new ArrayList<>(List.of("#", "rank score"));
        head.addAll(names);
        head.add("arch");
        TextTable t = new TextTable(head.toArray(String[]::new));
        for (int i = 0; i < Math.min(10, o.ranked().size()); i++) {
            CellRanking.Ranked r = o.ranked().get(i);
            List<Object> row = new ArrayList<>(List.of(i + 1, String.format(Locale.ROOT, "%.4g", r.value())));
            for (String n : names) {
                double v = r.scores().getOrDefault(n, Double.NaN);
                row.add(Double.isFinite(v) ? String.format(Locale.ROOT, "%.4g", v) : "—");
            }
            row.add(r.arch());
            t.row(row.toArray());
        }
        b.append(t.render());
        return b.toString();
    }
}
