package io.convprobe.report;

import io.convprobe.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Renders a report as one self-contained HTML file: CSS inline and every chart embedded as a
 * base64 PNG {@code data:} URI, so it opens offline and can be mailed as a single file. SVGs are
 * linked, not inlined: inline SVG would carry its namespace URL, and the page promises no external
 * references at all.
 */
final class HtmlRenderer {
    private static final String CSS = """
            body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; max-width: 1060px;
                   margin: 2em auto; padding: 0 1em; line-height: 1.45; }
            h1 { border-bottom: 2px solid #0072B2; padding-bottom: .2em; }
            h2 { margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: .15em; }
            h3 { margin-top: 1.5em; }
            figure { margin: 1.2em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
            figcaption { font-size: .9em; color: #555; }
            table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: .92em; }
            caption { text-align: left; font-weight: bold; padding-bottom: .3em; }
            th, td { border: 1px solid #ccc; padding: .25em .6em; }
            th { background: #f2f2f2; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr:nth-child(even) td { background: #fafafa; }
            """;

    private HtmlRenderer() {}

    static String render(ReportDocument doc, Path baseDir) {
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(doc.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(escape(doc.title())).append("</h1>\n");
        for (ReportDocument.Section section : doc.sections()) {
            out.append("<h2>").append(escape(section.title())).append("</h2>\n");
            for (ReportDocument.Block block : section.blocks()) {
                // Java 17: no pattern matching in switch yet.
                if (block instanceof ReportDocument.Paragraph p) {
                    out.append("<p>").append(escape(p.text())).append("</p>\n");
                } else if (block instanceof ReportDocument.Subheading h) {
                    out.append("<h3>").append(escape(h.text())).append("</h3>\n");
                } else if (block instanceof ReportDocument.Figure f) {
                    figure(out, f, baseDir);
                } else if (block instanceof ReportDocument.Table t) {
                    table(out, t);
                }
            }
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void figure(StringBuilder out, ReportDocument.Figure f, Path baseDir) {
        byte[] png;
        try {
            png = Files.readAllBytes(baseDir.resolve(f.pngPath()));
        } catch (IOException e) {
            throw new UserException("cannot read chart " + baseDir.resolve(f.pngPath()) + ": " + e.getMessage(), e);
        }
        out.append("<figure>\n<img alt=\"").append(escape(f.caption())).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n<figcaption>")
                .append(escape(f.caption())).append(" (vector version: <a href=\"").append(escape(f.svgPath()))
                .append("\">").append(escape(f.svgPath())).append("</a>)</figcaption>\n</figure>\n");
    }

    private static void table(StringBuilder out, ReportDocument.Table t) {
        out.append("<table>\n<caption>").append(escape(t.caption())).append("</caption>\n<thead><tr>");
        for (String h : t.headers()) {
            out.append("<th>").append(escape(h)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (var row : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append(i >= t.numericFrom() ? "<td class=\"num\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
