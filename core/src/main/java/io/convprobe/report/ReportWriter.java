package io.convprobe.report;

import io.convprobe.UserException;
import io.convprobe.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.convprobe.validate.StudyReport;

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
        return write(outDir, searches, trainings, proxies, List.of());
    }

    /**
     * With {@code validate} studies: each gets its section after the proxy validations, and a
     * search run whose study found no score better than parameter count or MACs carries that
     * warning above its ranking, so the report never presents that ranking as a prediction.
     */
    public Result write(Path outDir, List<SearchSummary> searches, List<TrainingSummary> trainings,
            List<ProxyValidation> proxies, List<StudyReport> studies) {
        return write(outDir, searches, trainings, proxies, studies, List.of());
    }

    /** With cell screens too: each gets its section after the search runs'. */
    Result write(Path outDir, List<SearchSummary> searches, List<TrainingSummary> trainings,
            List<ProxyValidation> proxies, List<StudyReport> studies, List<CellSection.Screen> cells) {
        if (searches.isEmpty() && trainings.isEmpty() && proxies.isEmpty() && studies.isEmpty() && cells.isEmpty()) {
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
                "%d search run%s, %s%d training run%s, %d proxy validation%s%s. Written by convprobe %s.",
                searches.size(), plural(searches.size()), cells.isEmpty() ? "" : cells.size() + " cell screen"
                        + plural(cells.size()) + ", ", trainings.size(), plural(trainings.size()),
                proxies.size(), plural(proxies.size()), studies.isEmpty() ? "" : ", " + studies.size()
                        + (studies.size() == 1 ? " validation study" : " validation studies"),
                Version.convprobe())))));
        for (SearchSummary s : searches) {
            sections.add(SearchSection.build(s, charts, topN, caution(s, studies)));
        }
        for (CellSection.Screen c : cells) {
            sections.add(CellSection.build(c, charts, topN));
        }
        if (!trainings.isEmpty()) {
            sections.add(TrainingSection.build(trainings, charts));
        }
        for (ProxyValidation v : proxies) {
            sections.add(ProxySection.build(v, charts));
        }
        for (StudyReport st : studies) {
            sections.add(ValidationSection.build(st, charts));
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

    /** The warning for a search run whose studies say its ranking does not beat size, or null. */
    static String caution(SearchSummary s, List<StudyReport> studies) {
        List<StudyReport> mine = studies.stream().filter(st -> st.searchRun().equals(s.runName())).toList();
        if (mine.isEmpty()) {
            return null;
        }
        List<StudyReport> against = mine.stream().filter(st -> !st.beatsSize()).toList();
        if (!against.isEmpty()) {
            StudyReport st = against.get(0);
            return "Caution: the validation study " + st.study() + " found that no screening score predicts trained "
                    + "accuracy better than counting " + st.recommended() + " (see its section). Read the ranking "
                    + "below as the screen's scores, not as a prediction of which architectures train best.";
        }
        StudyReport st = mine.get(0);
        if (!s.scoreName().equals(st.recommended())) {
            return "The validation study " + st.study() + " found " + st.recommended() + " the best predictor of "
                    + "trained accuracy here; this ranking uses " + s.scoreName() + " (--rank-by " + st.recommended()
                    + " ranks by it).";
        }
        return null;
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
