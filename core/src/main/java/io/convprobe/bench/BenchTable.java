package io.convprobe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.UserException;
import io.convprobe.arch.Nb201Notation;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.arch.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark table: architectures with their trained accuracies and, optionally, scores someone
 * else computed for them. The format (a JSON array, one object per architecture) is NAS-Bench-201's
 * as NASLib publishes it, and any table of the same shape works:
 *
 * <ul>
 *   <li>{@code arch}: the cell string ({@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}) or an
 *       {@code nb201:} spec;
 *   <li>every numeric field whose name ends in {@code _accuracy}: a ground truth (percent), e.g.
 *       {@code cifar10_val_accuracy}; at least one;
 *   <li>every object field: published scores under that source's name (e.g. {@code naslib_cifar10}:
 *       {@code {"synflow": …, "jacov": …, "params": …}}), compared side by side;
 *   <li>anything else is ignored.
 * </ul>
 *
 * A malformed table is a one-line error naming the file, the entry and the field.
 */
public record BenchTable(Path file, List<Entry> entries, List<String> accuracies, List<String> sources) {
    /** One architecture: its spec, its accuracies by field, and each source's scores by name. */
    public record Entry(Nb201Spec spec, Map<String, Double> accuracies, Map<String, Map<String, Double>> published) {}

    public static BenchTable read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UserException("cannot read benchmark table " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new UserException(file + ": a benchmark table is a non-empty JSON array of architectures");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> acc = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            String where = file + ": entry " + i;
            if (!e.isObject() || !e.hasNonNull("arch") || !e.get("arch").isTextual()) {
                throw new UserException(where + ": needs a text field 'arch'");
            }
            String text = e.get("arch").asText().trim();
            Nb201Spec spec;
            try {
                spec = Nb201Notation.parse(Nb201Notation.matches(text) ? text : Nb201Notation.PREFIX + text);
            } catch (SpecException ex) {
                throw new UserException(where + ": arch: " + ex.getMessage());
            }
            Map<String, Double> a = new LinkedHashMap<>();
            Map<String, Map<String, Double>> pub = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().endsWith("_accuracy")) {
                    if (!f.getValue().isNumber()) {
                        throw new UserException(where + ": " + f.getKey() + " is not a number");
                    }
                    a.put(f.getKey(), f.getValue().asDouble());
                    acc.add(f.getKey());
                } else if (f.getValue().isObject()) {
                    Map<String, Double> s = new LinkedHashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> jt = f.getValue().fields(); jt.hasNext(); ) {
                        Map.Entry<String, JsonNode> v = jt.next();
                        if (v.getValue().isNumber()) {
                            s.put(v.getKey(), v.getValue().asDouble());
                        }
                    }
                    pub.put(f.getKey(), s);
                    sources.add(f.getKey());
                }
            }
            if (a.isEmpty()) {
                throw new UserException(where + ": no accuracy (a numeric field named *_accuracy)");
            }
            entries.add(new Entry(spec, a, pub));
        }
        return new BenchTable(file, entries, List.copyOf(acc), List.copyOf(sources));
    }

    /** Column {@code field} of every entry (NaN where an entry lacks it). */
    public double[] accuracy(String field) {
        return entries.stream().mapToDouble(e -> e.accuracies().getOrDefault(field, Double.NaN)).toArray();
    }

    /** Source {@code source}'s score {@code name} of every entry (NaN where missing). */
    public double[] published(String source, String name) {
        return entries.stream().mapToDouble(e -> e.published().getOrDefault(source, Map.of())
                .getOrDefault(name, Double.NaN)).toArray();
    }

    /** The score names {@code source} gives, in first-seen order. */
    public List<String> publishedNames(String source) {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : entries) {
            names.addAll(e.published().getOrDefault(source, Map.of()).keySet());
        }
        return List.copyOf(names);
    }
}
