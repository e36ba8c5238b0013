package io.convprobe.cells;

import io.convprobe.search.ResultsCsv;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code results.csv} of a cell screen: rank, the {@code nb201:} spec (quoted: it has no commas,
 * but pipes), the rank score, then every score; written atomically ({@link ResultsCsv#writeAtomically}).
 */
final class CellResultsCsv {
    private CellResultsCsv() {}

    static void write(Path file, List<CellRanking.Ranked> ranked, List<String> names) {
        ResultsCsv.writeAtomically(file, w -> {
            w.write("rank,arch,rank_score");
            for (String n : names) {
                w.write(",proxy_" + n);
            }
            w.write('\n');
            int i = 1;
            for (CellRanking.Ranked r : ranked) {
                w.write(i++ + ",\"" + r.arch() + "\"," + fmt(r.value()));
                for (String n : names) {
                    w.write("," + fmt(r.scores().getOrDefault(n, Double.NaN)));
                }
                w.write('\n');
            }
        });
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
