package io.convprobe.report;

import java.util.List;

/**
 * The report's content, independent of its output format: titled sections of paragraphs, figures
 * and tables. {@link HtmlRenderer} and {@link MarkdownRenderer} turn it into the two files.
 *
 * @param title    the report title
 * @param sections in reading order
 */
public record ReportDocument(String title, List<Section> sections) {

    public ReportDocument {
        sections = List.copyOf(sections);
    }

    /** A second-level section. */
    public record Section(String title, List<Block> blocks) {
        public Section {
            blocks = List.copyOf(blocks);
        }
    }

    /** One element of a section. */
    public sealed interface Block permits Paragraph, Figure, Table, Subheading {}

    /** Plain text (rendered escaped). */
    public record Paragraph(String text) implements Block {}

    /** A third-level heading inside a section. */
    public record Subheading(String text) implements Block {}

    /**
     * A chart written to disk.
     *
     * @param caption what the chart shows
     * @param pngPath PNG path relative to the report directory, with {@code /} separators
     * @param svgPath SVG path relative to the report directory
     */
    public record Figure(String caption, String pngPath, String svgPath) implements Block {}

    /**
     * A table of preformatted cells.
     *
     * @param caption      shown above the table
     * @param headers      column headers
     * @param rows         each row has one cell per header
     * @param numericFrom  columns from this index on hold numbers and are right-aligned
     */
    public record Table(String caption, List<String> headers, List<List<String>> rows, int numericFrom) implements Block {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> r : rows) {
                if (r.size() != headers.size()) {
                    throw new IllegalArgumentException("row has " + r.size() + " cells, table has " + headers.size() + " columns");
                }
            }
        }
    }
}
