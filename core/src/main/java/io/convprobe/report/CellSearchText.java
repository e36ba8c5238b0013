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
        if (o.failed() > 0) {
            b.append(String.format(Locale.ROOT, "failed %,d networks on every attempt (not stored; re-run the same "
                    + "command to retry them)%n", o.failed()));
        }
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

    /** {@code probe nb201:…}: one row per trial, every score, then each score's seconds (the last trial's). */
    public static String trials(String arch, String dataset, List<io.convprobe.cells.CellProber.Trial> trials) {
        StringBuilder b = new StringBuilder(arch + " on " + dataset + "\n");
        List<String> names = new ArrayList<>(trials.get(0).scores().keySet());
        List<String> head = new ArrayList<>(List.of("trial"));
        head.addAll(names);
        TextTable t = new TextTable(head.toArray(String[]::new));
        for (io.convprobe.cells.CellProber.Trial tr : trials) {
            List<Object> row = new ArrayList<>(List.of(tr.trial()));
            names.forEach(n -> row.add(fmt(tr.scores().get(n))));
            t.row(row.toArray());
        }
        List<Object> secs = new ArrayList<>(List.of("seconds"));
        names.forEach(n -> secs.add(String.format(Locale.ROOT, "%.3f", trials.get(trials.size() - 1).seconds().get(n))));
        t.row(secs.toArray());
        return b.append(t.render()).toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.5g", v) : "—";
    }
}
