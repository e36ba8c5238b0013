package io.convprobe.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The published notation, {@code ch=32,32,32 ks=7,3,5 st=2,1,2 di=1,3,1}: the screen's own. Every
 * layer is {@code Conv2d} (with bias) then ReLU; a single value applies to every layer; optional
 * {@code pa=} gives padding (default 0); {@code st}/{@code di} default to 1.
 */
final class PublishedNotation {
    private PublishedNotation() {}

    /** True when every layer pair is conv (with bias) followed by ReLU. */
    static boolean isPublishable(ArchSpec spec) {
        List<Layer> ls = spec.layers();
        if (ls.size() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < ls.size(); i += 2) {
            if (!(ls.get(i) instanceof Layer.Conv c) || !c.bias()
                    || !(ls.get(i + 1) instanceof Layer.Act a) || a.fn() != Layer.Activation.RELU) {
                return false;
            }
        }
        return true;
    }

    static String format(ArchSpec spec) {
        if (!isPublishable(spec)) {
            throw new IllegalArgumentException("not a conv+relu spec: " + CompactNotation.format(spec));
        }
        List<Layer.Conv> convs = spec.convs();
        StringBuilder sb = new StringBuilder();
        sb.append("ch=").append(joined(convs, Layer.Conv::outChannels, true));
        sb.append(" ks=").append(joined(convs, Layer.Conv::kernel, false));
        sb.append(" st=").append(joined(convs, Layer.Conv::stride, false));
        sb.append(" di=").append(joined(convs, Layer.Conv::dilation, false));
        if (convs.stream().anyMatch(c -> c.padding() != 0)) {
            sb.append(" pa=").append(joined(convs, Layer.Conv::padding, false));
        }
        return sb.toString();
    }

    private static String joined(List<Layer.Conv> convs, java.util.function.ToIntFunction<Layer.Conv> f,
            boolean collapseUniform) {
        List<String> parts = new ArrayList<>();
        for (Layer.Conv c : convs) {
            parts.add(Integer.toString(f.applyAsInt(c)));
        }
        if (collapseUniform && parts.stream().distinct().count() == 1) {
            return parts.get(0);
        }
        return String.join(",", parts);
    }

    static ArchSpec parse(String text) {
        String where = "spec '" + text.trim() + "'";
        java.util.Map<String, int[]> values = new java.util.LinkedHashMap<>();
        for (String token : text.trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new SpecException(where + ": expected key=values, got '" + token + "'");
            }
            String key = token.substring(0, eq).toLowerCase(Locale.ROOT);
            if (!Set.of("ch", "ks", "st", "di", "pa").contains(key)) {
                throw new SpecException(where + ": unknown key '" + key + "' (known: ch, ks, st, di, pa)");
            }
            if (values.containsKey(key)) {
                throw new SpecException(where + ": '" + key + "' given twice");
            }
            values.put(key, ints(token.substring(eq + 1), where + ", " + key));
        }
        if (!values.containsKey("ks")) {
            throw new SpecException(where + ": 'ks' (kernel sizes) is required");
        }
        if (!values.containsKey("ch")) {
            throw new SpecException(where + ": 'ch' (channels) is required");
        }
        int n = values.get("ks").length;
        for (var e : values.entrySet()) {
            if (e.getValue().length != 1 && e.getValue().length != n) {
                throw new SpecException(where + ": '" + e.getKey() + "' has " + e.getValue().length
                        + " values but ks has " + n);
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int ch = at(values.get("ch"), i, 0);
            int ks = at(values.get("ks"), i, 0);
            int st = at(values.get("st"), i, 1);
            int di = at(values.get("di"), i, 1);
            int pa = at(values.get("pa"), i, 0);
            try {
                layers.add(new Layer.Conv(ch, ks, st, di, pa, true));
            } catch (SpecException e) {
                throw new SpecException(where + ", layer " + i + ": " + e.getMessage());
            }
            layers.add(new Layer.Act(Layer.Activation.RELU));
        }
        return new ArchSpec(layers);
    }

    private static int at(int[] values, int i, int dflt) {
        if (values == null) {
            return dflt;
        }
        return values.length == 1 ? values[0] : values[i];
    }

    private static int[] ints(String csv, String where) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new SpecException(where + ": '" + parts[i] + "' is not a whole number");
            }
        }
        return out;
    }
}
