package io.convprobe;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with right-aligned numeric columns, for terminal output and Markdown. */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    public TextTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    private int[] widths() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        return w;
    }

    private static boolean numeric(String s) {
        return s.matches("[-+]?[\\d,.]+%?( ?[a-zA-Z/]+)?") && !s.isEmpty() && Character.isDigit(s.replaceAll("[-+]", "").charAt(0));
    }

    /** Aligned columns separated by two spaces. */
    public String render() {
        int[] w = widths();
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            rule.append(i > 0 ? "  " : "").append("-".repeat(w[i]));
        }
        sb.append(rule).append('\n');
        for (List<String> r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < w.length; i++) {
            String c = cells.get(i);
            String pad = " ".repeat(w[i] - c.length());
            sb.append(i > 0 ? "  " : "").append(numeric(c) ? pad + c : c + pad);
        }
        sb.setLength(sb.length() - (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ' ? trailing(sb) : 0));
        sb.append('\n');
    }

    private static int trailing(StringBuilder sb) {
        int n = 0;
        for (int i = sb.length() - 1; i >= 0 && sb.charAt(i) == ' '; i--) {
            n++;
        }
        return n;
    }

    /** A GitHub-flavoured Markdown table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (String h : header) {
            sb.append("---|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}
