package io.convprobe.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code nb201:} notation: {@code nb201:[C<width>:][N<cells>:]|op~0|+|op~0|op~1|+|op~0|op~1|op~2|}.
 * The cell is the NAS-Bench-201 string exactly as published (node j lists its inputs from nodes
 * 0..j−1 in order); {@code C} (default 16) and {@code N} (default 5) set the skeleton, each at most
 * once, in either order. Printing writes only the options that differ from the defaults, {@code C}
 * before {@code N}, so the published networks print as their published string.
 */
public final class Nb201Notation {
    public static final String PREFIX = "nb201:";
    private static final Pattern OPTION = Pattern.compile("([CN])(\\d{1,6})");
    private static final Pattern ENTRY = Pattern.compile("([a-z0-9_]+)~(\\d+)");

    private Nb201Notation() {}

    /** True when the text is meant as this notation (so its errors are this notation's). */
    public static boolean matches(String text) {
        return text.trim().regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    public static Nb201Spec parse(String text) {
        String t = text.trim();
        if (!matches(t)) {
            throw new SpecException("nb201 spec '" + t + "': must start with '" + PREFIX + "'");
        }
        String rest = t.substring(PREFIX.length());
        int bar = rest.indexOf('|');
        if (bar < 0) {
            throw new SpecException("nb201 spec '" + t + "': no cell string (expected |op~0|+|op~0|op~1|+|op~0|op~1|op~2|)");
        }
        int c = Nb201Spec.DEFAULT_C;
        int n = Nb201Spec.DEFAULT_N;
        boolean seenC = false;
        boolean seenN = false;
        String options = rest.substring(0, bar);
        if (!options.isEmpty()) {
            if (!options.endsWith(":")) {
                throw new SpecException("nb201 spec '" + t + "': options '" + options + "' must end with ':' before the cell");
            }
            for (String o : options.substring(0, options.length() - 1).split(":", -1)) {
                Matcher m = OPTION.matcher(o);
                if (!m.matches()) {
                    throw new SpecException("nb201 spec '" + t + "': option '" + o + "' is not C<width> or N<cells>");
                }
                int v = Integer.parseInt(m.group(2));
                if (v < 1) {
                    throw new SpecException("nb201 spec '" + t + "': option '" + o + "' must be >= 1");
                }
                boolean isC = m.group(1).equals("C");
                if (isC ? seenC : seenN) {
                    throw new SpecException("nb201 spec '" + t + "': option " + m.group(1) + " given twice");
                }
                if (isC) {
                    c = v;
                    seenC = true;
                } else {
                    n = v;
                    seenN = true;
                }
            }
        }
        return new Nb201Spec(parseCell(t, rest.substring(bar)), c, n);
    }

    /** The six ops of a published cell string; errors name the node and the entry. */
    static List<Nb201Spec.Op> parseCell(String whole, String cell) {
        String where = "nb201 spec '" + whole + "'";
        if (!cell.startsWith("|") || !cell.endsWith("|") || cell.length() < 2) {
            throw new SpecException(where + ": the cell must start and end with '|', got '" + cell + "'");
        }
        String[] nodes = cell.substring(1, cell.length() - 1).split("\\|\\+\\|", -1);
        if (nodes.length != 3) {
            throw new SpecException(where + ": the cell needs 3 nodes separated by '|+|', got " + nodes.length);
        }
        List<Nb201Spec.Op> ops = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            String[] entries = nodes[j].split("\\|", -1);
            if (entries.length != j + 1) {
                throw new SpecException(where + ": node " + (j + 1) + " ('" + nodes[j] + "') needs " + (j + 1)
                        + " input" + (j == 0 ? "" : "s") + " (op~0" + (j > 0 ? " .. op~" + j : "") + "), got " + entries.length);
            }
            for (int i = 0; i <= j; i++) {
                String part = where + ": node " + (j + 1) + ", input " + i + " ('" + entries[i] + "')";
                Matcher m = ENTRY.matcher(entries[i]);
                if (!m.matches()) {
                    throw new SpecException(part + ": expected op~" + i);
                }
                if (!m.group(2).equals(Integer.toString(i))) {
                    throw new SpecException(part + ": inputs must be listed in order, expected ~" + i);
                }
                try {
                    ops.add(Nb201Spec.Op.parse(m.group(1)));
                } catch (SpecException e) {
                    throw new SpecException(part + ": " + e.getMessage());
                }
            }
        }
        return ops;
    }

    public static String format(Nb201Spec spec) {
        StringBuilder b = new StringBuilder(PREFIX);
        if (spec.c() != Nb201Spec.DEFAULT_C) {
            b.append('C').append(spec.c()).append(':');
        }
        if (spec.n() != Nb201Spec.DEFAULT_N) {
            b.append('N').append(spec.n()).append(':');
        }
        return b.append(spec.cellString()).toString();
    }
}
