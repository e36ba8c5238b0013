package io.convprobe.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a report's charts into {@code OUT/charts/} under unique, file-system-safe names and
 * returns the figure blocks that point at them.
 */
final class ChartSink {
    static final String DIR = "charts";

    private final Path outDir;
    private final Set<String> used = new HashSet<>();
    private final List<Path> written = new ArrayList<>();

    ChartSink(Path outDir) {
        this.outDir = outDir;
    }

    ReportDocument.Figure add(Chart<?, ?> chart, String name, String caption) {
        String base = slug(name);
        String unique = base;
        for (int i = 2; !used.add(unique); i++) {
            unique = base + "-" + i;
        }
        ChartWriter.ChartFiles files = ChartWriter.write(chart, outDir.resolve(DIR), unique);
        written.add(files.png());
        written.add(files.svg());
        return new ReportDocument.Figure(caption, DIR + "/" + unique + ".png", DIR + "/" + unique + ".svg");
    }

    List<Path> written() {
        return List.copyOf(written);
    }

    /** Lower case letters, digits, dot, dash and underscore; anything else becomes a dash. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        return s.isEmpty() ? "chart" : s;
    }
}
