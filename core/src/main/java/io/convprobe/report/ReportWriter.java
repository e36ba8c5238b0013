package io.convprobe.report;

import io.convprobe.UserException;
import io.convprobe.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report of search runs, training runs and proxy validations into a directory:
 * {@code report.html} (self-contained, charts embedded, no external reference), {@code report.md}
 * (tables, image links to the PNGs) and {@code charts/*.png} + {@code charts/*.svg}.
 *
 * <p>Sections in order: each search run, then all training runs together (shared axes), then each
 * proxy validation. An empty list simply leaves its sections out.
 */
public final class ReportWriter {
    public static final int DEFAULT_TOP_N = 10;
    public static final String HTML = "report.html";
    public static final String MARKDOWN = "report.md";

    private final int topN;

    public ReportWriter() {
        this(DEFAULT_TOP_N);
    }

    /** @param topN how many architectures the "top by fitness" table of each search run lists */
    public ReportWriter(int topN) {
        if (topN < 1) {
            throw new UserException("top-N must be at least 1, got " + topN);
        }
        this.topN = topN;
    }

    /** What was written. */
    public record Result(Path html, Path markdown, List<Path> charts) {}

    public Result write(Path outDir, List<SearchSummary> searches, List<TrainingSummary> trainings,
            List<ProxyValidation> proxies) {
        if (searches.isEmpty() && trainings.isEmpty() && proxies.isEmpty()) {
            throw new UserException("nothing to report: no search runs, training runs or proxy validations given");
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UserException("cannot create report directory " + outDir + ": " + e.getMessage(), e);
        }
        ChartSink charts = new ChartSink(outDir);
        List<ReportDocument.Section> sections = new ArrayList<>();
        sections.add(new ReportDocument.Section("Overview", List.of(new ReportDocument.Paragraph(String.format(
                "%d search run%s, %d training run%s, %d proxy validation%s. Written by convprobe %s.",
                searches.size(), plural(searches.size()), trainings.size(), plural(trainings.size()),
                proxies.size(), plural(proxies.size()), Version.convprobe())))));
        for (SearchSummary s : searches) {
            sections.add(SearchSection.build(s, charts, topN));
        }
        if (!trainings.isEmpty()) {
            sections.add(TrainingSection.build(trainings, charts));
        }
        for (ProxyValidation v : proxies) {
            sections.add(ProxySection.build(v, charts));
        }
        ReportDocument doc = new ReportDocument("convprobe report", sections);
        Path html = outDir.resolve(HTML);
        Path md = outDir.resolve(MARKDOWN);
        try {
            Files.writeString(html, HtmlRenderer.render(doc, outDir), StandardCharsets.UTF_8);
            Files.writeString(md, MarkdownRenderer.render(doc), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("cannot write the report in " + outDir + ": " + e.getMessage(), e);
        }
        return new Result(html, md, charts.written());
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
