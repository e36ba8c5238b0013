package io.convprobe.report;

/** Renders a report as Markdown: pipe tables, and charts as image links to the PNGs beside it. */
final class MarkdownRenderer {
    private MarkdownRenderer() {}

    static String render(ReportDocument doc) {
        StringBuilder out = new StringBuilder(1 << 14);
        out.append("# ").append(doc.title()).append("\n");
        for (ReportDocument.Section section : doc.sections()) {
            out.append("\n## ").append(section.title()).append("\n");
            for (ReportDocument.Block block : section.blocks()) {
                out.append('\n');
                if (block instanceof ReportDocument.Paragraph p) {
                    out.append(p.text()).append('\n');
                } else if (block instanceof ReportDocument.Subheading h) {
                    out.append("### ").append(h.text()).append('\n');
                } else if (block instanceof ReportDocument.Figure f) {
                    out.append("![").append(f.caption()).append("](").append(f.pngPath())
                            .append(")\n\n*").append(f.caption()).append("* ([SVG](").append(f.svgPath()).append("))\n");
                } else if (block instanceof ReportDocument.Table t) {
                    table(out, t);
                }
            }
        }
        return out.toString();
    }

    private static void table(StringBuilder out, ReportDocument.Table t) {
        out.append("**").append(t.caption()).append("**\n\n|");
        for (String h : t.headers()) {
            out.append(' ').append(cell(h)).append(" |");
        }
        out.append("\n|");
        for (int i = 0; i < t.headers().size(); i++) {
            out.append(i >= t.numericFrom() ? "---:|" : "---|");
        }
        out.append('\n');
        for (var row : t.rows()) {
            out.append('|');
            for (String c : row) {
                out.append(' ').append(cell(c)).append(" |");
            }
            out.append('\n');
        }
    }

    /** A pipe inside a cell would end it early. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
