package io.convprobe.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.convprobe.UserException;
import io.convprobe.arch.Nb201Notation;
import io.convprobe.arch.SpecException;
import io.convprobe.arch.SpecFormat;
import io.convprobe.search.ArchAggregate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trained accuracies measured elsewhere ({@code validate --accuracies FILE}): a user's own
 * trainings or a benchmark table, used instead of training. Read from
 * <ul>
 *   <li>CSV with a header row (quoted fields as RFC 4180; published specs hold commas),</li>
 *   <li>JSON: an array of objects (NAS-Bench-201's table format, {@code ../shared/nb201/}), or one
 *       object mapping spec → accuracy.</li>
 * </ul>
 * The spec column is {@code spec} or {@code arch} (a bare NAS-Bench-201 cell string
 * {@code |op~0|+…} is a cell network); the accuracy column is {@code --column}, else
 * {@code accuracy}, else the only column whose name contains "accuracy". Accuracies are percent;
 * a file whose every value lies in [0, 1] holds fractions and is scaled. A spec listed more than
 * once (several seeds) gets the mean of its values.
 *
 * <p>Specs are matched by meaning, not text: a cell network by its cell string alone (a screen at
 * reduced width ranks the same cells the table trained at full width), a chain by its compact form.
 */
public record Accuracies(Path file, String column, Map<String, Double> byKey, int rows, int repeated, boolean scaled) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The matched networks of a screen (in the screen's order) and their accuracies (percent). */
    public record Matched(List<ArchAggregate> archs, double[] accuracy, int unmatched, List<String> unmatchedExamples) {}

    /** Reads the file; every problem is one line naming the file and the row. */
    public static Accuracies read(Path file, String column) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("--accuracies " + file + ": no such file");
        }
        List<Map<String, String>> rows;
        try {
            String text = Files.readString(file);
            String head = text.stripLeading();
            rows = head.startsWith("[") || head.startsWith("{") ? jsonRows(file, text) : csvRows(text);
        } catch (IOException e) {
            throw new UserException("--accuracies " + file + ": cannot read (" + firstLine(e) + ")", e);
        }
        if (rows.isEmpty()) {
            throw new UserException("--accuracies " + file + ": no rows");
        }
        List<String> names = new ArrayList<>(rows.get(0).keySet());
        String specCol = names.contains("spec") ? "spec" : names.contains("arch") ? "arch" : null;
        if (specCol == null) {
            throw new UserException("--accuracies " + file + ": no 'spec' or 'arch' column (columns: "
                    + String.join(", ", names) + ")");
        }
        String accCol = accuracyColumn(file, names, column);
        Map<String, double[]> sums = new LinkedHashMap<>();
        int line = 0;
        boolean fractions = true;
        List<Object[]> parsed = new ArrayList<>();
        for (Map<String, String> row : rows) {
            line++;
            String spec = row.get(specCol);
            String raw = row.get(accCol);
            if (spec == null || spec.isBlank()) {
                throw new UserException("--accuracies " + file + ", row " + line + ": empty " + specCol);
            }
            double acc;
            try {
                acc = Double.parseDouble(raw == null ? "" : raw.trim());
            } catch (NumberFormatException e) {
                throw new UserException("--accuracies " + file + ", row " + line + ": " + accCol + " '" + raw
                        + "' is not a number");
            }
            if (!Double.isFinite(acc) || acc < 0 || acc > 100) {
                throw new UserException("--accuracies " + file + ", row " + line + ": " + accCol + " " + raw
                        + " is not an accuracy (percent in [0, 100] or a fraction in [0, 1])");
            }
            String key;
            try {
                key = key(spec);
            } catch (SpecException e) {
                throw new UserException("--accuracies " + file + ", row " + line + ": " + e.getMessage());
            }
            fractions &= acc <= 1.0;
            parsed.add(new Object[] {key, acc});
        }
        int repeated = 0;
        for (Object[] p : parsed) {
            double[] s = sums.computeIfAbsent((String) p[0], k -> new double[2]);
            if (s[1] == 1) {
                repeated++;
            }
            s[0] += (double) p[1] * (fractions ? 100 : 1);
            s[1]++;
        }
        Map<String, Double> byKey = new LinkedHashMap<>();
        sums.forEach((k, s) -> byKey.put(k, s[0] / s[1]));
        return new Accuracies(file, accCol, byKey, rows.size(), repeated, fractions);
    }

    /**
     * The key a spec is matched by: a cell network's cell string (width and cells per stage
     * ignored), a chain's compact form. Throws {@link SpecException} for text that is no spec.
     */
    public static String key(String spec) {
        String t = spec.trim();
        if (t.startsWith("|")) {
            t = Nb201Notation.PREFIX + t;
        }
        if (SpecFormat.isNb201(t)) {
            return Nb201Notation.PREFIX + SpecFormat.parseNb201(t).cellString();
        }
        return SpecFormat.toCompact(SpecFormat.parse(t));
    }

    /** The screened networks this file has an accuracy for; says how many of the file's rows found none. */
    public Matched match(List<ArchAggregate> screened) {
        List<ArchAggregate> archs = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (ArchAggregate a : screened) {
            String k;
            try {
                k = key(a.spec());
            } catch (SpecException e) {
                continue; // a stored spec this version cannot read has no accuracy to match
            }
            Double v = byKey.get(k);
            if (v != null && used.add(k)) {
                archs.add(a);
                acc.add(v);
            }
        }
        List<String> missing = byKey.keySet().stream().filter(k -> !used.contains(k)).toList();
        return new Matched(archs, acc.stream().mapToDouble(Double::doubleValue).toArray(), missing.size(),
                missing.stream().limit(3).toList());
    }

    private static String accuracyColumn(Path file, List<String> names, String column) {
        if (column != null) {
            if (!names.contains(column)) {
                throw new UserException("--column " + column + ": not a column of " + file + " (columns: "
                        + String.join(", ", names) + ")");
            }
            return column;
        }
        if (names.contains("accuracy")) {
            return "accuracy";
        }
        List<String> acc = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).contains("accuracy")).toList();
        if (acc.size() == 1) {
            return acc.get(0);
        }
        throw new UserException("--accuracies " + file + ": " + (acc.isEmpty() ? "no accuracy column"
                : "several accuracy columns (" + String.join(", ", acc) + ")") + "; name one with --column");
    }

    private static List<Map<String, String>> csvRows(String text) throws IOException {
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvParser.Feature.TRIM_SPACES);
        csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<Map<String, String>> out = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withComments()).readValues(text)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    /** JSON rows as text columns: objects' scalar fields (nested objects such as published scores are skipped). */
    private static List<Map<String, String>> jsonRows(Path file, String text) throws IOException {
        JsonNode root = JSON.readTree(text);
        List<Map<String, String>> out = new ArrayList<>();
        if (root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                Map<String, String> row = new LinkedHashMap<>();
                row.put("spec", e.getKey());
                row.put("accuracy", e.getValue().asText());
                out.add(row);
            }
            return out;
        }
        int i = 0;
        for (JsonNode n : root) {
            i++;
            if (!n.isObject()) {
                throw new UserException("--accuracies " + file + ", entry " + i + ": not an object");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isValueNode()) {
                    row.put(e.getKey(), e.getValue().asText());
                }
            }
            out.add(row);
        }
        return out;
    }

    private static String firstLine(Exception e) {
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
