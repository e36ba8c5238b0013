package io.convprobe.cells;

import io.convprobe.UserException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code results.csv} of a cell screen: rank, the {@code nb201:} spec (quoted: it has no commas,
 * but pipes), the rank score, then every score; written to a temporary file and moved into place,
 * so a crash never leaves half a file.
 */
final class CellResultsCsv {
    private CellResultsCsv() {}

    static void write(Path file, List<CellRanking.Ranked> ranked, List<String> names) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write("rank,arch,rank_score");
            for (String n : names) {
                w.write(",proxy_" + n);
            }
            w.newLine();
            int i = 1;
            for (CellRanking.Ranked r : ranked) {
                w.write(i++ + ",\"" + r.arch() + "\"," + fmt(r.value()));
                for (String n : names) {
                    w.write("," + fmt(r.scores().getOrDefault(n, Double.NaN)));
                }
                w.newLine();
            }
        } catch (IOException e) {
            throw new UserException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
