package io.convprobe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path out;

    @Test
    void writesSelfContainedHtmlMarkdownAndEveryChartAsPngAndSvg() throws Exception {
        SearchSummary search = ReportFixtures.search(7);
        ReportWriter.Result r = new ReportWriter(5).write(out, List.of(search), ReportFixtures.training(),
                List.of(ReportFixtures.proxy()));

        // 3 search charts + 4 training charts + 1 proxy chart, each as PNG and SVG.
        assertThat(r.charts()).hasSize(16);
        try (Stream<Path> files = Files.list(out.resolve("charts"))) {
            assertThat(files.count()).isEqualTo(16);
        }
        for (Path p : r.charts()) {
            if (p.toString().endsWith(".png")) {
                ChartFiles.assertPng(p);
            } else {
                ChartFiles.assertSvg(p);
            }
        }

        String html = Files.readString(r.html());
        // no external URLs; base64 images may contain "http" but never "http:" (no colon in base64)
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("http:").doesNotContain("https:");
        assertThat(html).doesNotContain("<script", "src=\"charts/");
        assertThat(count(html, "src=\"data:image/png;base64,")).isEqualTo(8);
        assertThat(html).contains("Pareto set", "Top 5 by fitness", "Summary (3 runs)",
                "The screen&#39;s".replace("&#39;", "'") + " ranking predicted the trained ranking strongly");

        String md = Files.readString(r.markdown());
        Matcher links = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+\\.png)\\)").matcher(md);
        int images = 0;
        while (links.find()) {
            assertThat(out.resolve(links.group(1))).exists();
            images++;
        }
        assertThat(images).isEqualTo(8);
        assertThat(md).contains("| # | kernel | stride | dilation |", "| train-735-sgd | ch=32 ks=7,3,5 st=2,1,2 di=1,3,1 | sgd |", "Kendall τ = 0.67");
    }

    @Test
    void topTableListsTheHighestFitnessFirst() throws Exception {
        SearchSummary search = ReportFixtures.search(3);
        ProbeRow best = search.fullyTestedRows().stream()
                .max(java.util.Comparator.comparingDouble(ProbeRow::fitness)).orElseThrow();
        new ReportWriter(3).write(out, List.of(search), List.of(), List.of());
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        String top = md.substring(md.indexOf("**Top 3 by fitness (ridge probe accuracy + throughput)**"));
        String firstRow = top.lines().filter(l -> l.startsWith("| 1 |")).findFirst().orElseThrow();
        assertThat(firstRow).contains("| " + ProbeRow.join(best.kernels()) + " | " + ProbeRow.join(best.strides())
                + " | " + ProbeRow.join(best.dilations()) + " |");
        // Only a search run: no training or proxy section.
        assertThat(md).doesNotContain("## Training", "Screen vs training");
    }

    @Test
    void missingFitnessIsComputedAndSaidSo() throws Exception {
        SearchSummary s = ReportFixtures.search(5);
        List<ProbeRow> noFitness = s.rows().stream().map(r -> r.withFitness(Double.NaN)).toList();
        SearchSummary bare = new SearchSummary(s.runName(), s.dataset(), s.candidates(), s.invalidShape(),
                s.cutByThreshold(), s.fullyTested(), s.minAccuracy(), s.minThroughput(), noFitness);
        new ReportWriter().write(out, List.of(bare), List.of(), List.of());
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        assertThat(md).contains("Fitness was not stored").doesNotContain("| – |\n");
    }

    @Test
    void runWithoutFullyTestedArchitecturesStillReports() throws Exception {
        ProbeRow cut = new ProbeRow("ch=32 ks=9,9,7 st=2,2,1 di=2,1,1", new int[] {9, 9, 7}, new int[] {2, 2, 1},
                new int[] {2, 1, 1}, 1, false, 22.0, 22.0, 22.0, Double.NaN, 22.0, 70.0, 900, 0.2, 1000, 10000, 0.1, Double.NaN);
        SearchSummary s = new SearchSummary("tiny", "stl10", 5, 4, 1, 0, 25, 200, List.of(cut));
        ReportWriter.Result r = new ReportWriter().write(out, List.of(s), List.of(), List.of());
        assertThat(r.charts()).hasSize(2); // the histogram only
        assertThat(Files.readString(r.html())).contains("No architecture was fully tested");
    }

    @Test
    void nothingToReportIsAUserError() {
        assertThatThrownBy(() -> new ReportWriter().write(out, List.of(), List.of(), List.of()))
                .isInstanceOf(UserException.class).hasMessageContaining("nothing to report");
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            n++;
        }
        return n;
    }
}
