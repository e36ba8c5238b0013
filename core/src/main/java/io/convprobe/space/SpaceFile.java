package io.convprobe.space;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.convprobe.UserException;
import io.convprobe.arch.Layer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A space file (YAML): a layer range, default choice lists and, optionally, different lists per
 * layer position; a position's missing keys come from {@code default}, and the default's from the
 * command line. Position i of a deeper network than the file lists uses the last listed position.
 *
 * <pre>
 * layers: 3..5
 * default: {channels: [32], kernels: [3, 5, 7], strides: [1, 2], dilations: [1], pools: [none, max2]}
 * positions:
 *   - {kernels: [5, 7, 9], channels: [16, 32]}   # layer 0: wider kernels
 *   - {}                                         # layer 1 and deeper: the defaults
 * </pre>
 *
 * Keys: channels, kernels, strides, dilations, paddings, activations, norms (none, bn), pools
 * (none, max2, avg2, max3s2, …). A list may also be written as {@code "3,5,7"}.
 */
public final class SpaceFile {
    private static final Set<String> TOP = Set.of("layers", "default", "positions");

    private SpaceFile() {}

    /** Reads {@code file} over the command line's uniform lists {@code base}; {@code layers} null = the file's or base's. */
    public static RichSpace read(Path file, PositionChoices base, int baseMin, int baseMax) {
        Object tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
        } catch (IOException e) {
            throw new UserException("--space-file " + file + ": cannot read (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!(tree instanceof Map<?, ?> top)) {
            throw new UserException("--space-file " + file + ": expected a mapping with layers, default, positions");
        }
        for (Object k : top.keySet()) {
            if (!TOP.contains(String.valueOf(k))) {
                throw new UserException("--space-file " + file + ": unknown key '" + k + "' (known: " + TOP + ")");
            }
        }
        int min = baseMin;
        int max = baseMax;
        if (top.get("layers") != null) {
            int[] r = parseLayers(String.valueOf(top.get("layers")), "--space-file " + file + ": layers");
            min = r[0];
            max = r[1];
        }
        PositionChoices dflt = top.get("default") == null ? base : merge(base, top.get("default"), file + ": default");
        List<PositionChoices> positions = new ArrayList<>();
        Object ps = top.get("positions");
        if (ps == null) {
            positions.add(dflt);
        } else if (ps instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                positions.add(list.get(i) == null ? dflt : merge(dflt, list.get(i), file + ": positions[" + i + "]"));
            }
        } else {
            throw new UserException("--space-file " + file + ": positions must be a non-empty list of mappings");
        }
        try {
            return new RichSpace(min, max, positions);
        } catch (UserException e) {
            throw new UserException("--space-file " + file + ": " + e.getMessage());
        }
    }

    /** Parses {@code 3} or {@code 3..5}. */
    public static int[] parseLayers(String text, String what) {
        String[] p = text.trim().split("\\.\\.");
        try {
            int a = Integer.parseInt(p[0].trim());
            int b = p.length > 1 ? Integer.parseInt(p[1].trim()) : a;
            if (p.length <= 2) {
                return new int[] {a, b};
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UserException(what + " '" + text + "': expected N or MIN..MAX");
    }

    private static PositionChoices merge(PositionChoices base, Object node, String where) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new UserException("--space-file " + where + ": expected a mapping of choice lists");
        }
        List<Integer> ch = base.channels();
        List<Integer> k = base.kernels();
        List<Integer> s = base.strides();
        List<Integer> d = base.dilations();
        List<Integer> p = base.paddings();
        List<Layer.Activation> a = base.activations();
        List<Boolean> n = base.norms();
        List<PoolChoice> pl = base.pools();
        try {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                List<String> v = strings(e.getValue());
                switch (key) {
                    case "channels" -> ch = ints(v);
                    case "kernels" -> k = ints(v);
                    case "strides" -> s = ints(v);
                    case "dilations" -> d = ints(v);
                    case "paddings" -> p = ints(v);
                    case "activations" -> a = v.stream().map(Layer.Activation::parse).toList();
                    case "norms" -> n = v.stream().map(SpaceFile::norm).toList();
                    case "pools" -> pl = v.stream().map(PoolChoice::parse).toList();
                    default -> throw new UserException("unknown key '" + key + "' (known: "
                            + String.join(", ", PositionChoices.ATTRIBUTES) + ")");
                }
            }
            return new PositionChoices(ch, k, s, d, p, a, n, pl);
        } catch (UserException e) {
            throw new UserException("--space-file " + where + ": " + e.getMessage());
        }
    }

    /** {@code none} → false, {@code bn} → true. */
    public static boolean norm(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("none") || t.equals("-")) {
            return false;
        }
        if (t.equals("bn") || t.equals("batchnorm")) {
            return true;
        }
        throw new UserException("norm '" + s + "': expected none or bn");
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x).trim()));
        } else if (v != null) {
            for (String x : String.valueOf(v).split(",")) {
                out.add(x.trim());
            }
        }
        return out;
    }

    private static List<Integer> ints(List<String> v) {
        try {
            return v.stream().map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new UserException("expected integers, got " + v);
        }
    }
}
