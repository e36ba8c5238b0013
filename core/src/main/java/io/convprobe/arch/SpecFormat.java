package io.convprobe.arch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.convprobe.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text forms of a spec, each parsed and printed round-trip:
 *
 * <ul>
 *   <li><b>published</b>: {@code ch=32,32,32 ks=7,3,5 st=2,1,2 di=1,3,1} — the screen's notation;
 *       every layer is {@code Conv2d} then ReLU; a single value applies to every layer; optional
 *       {@code pa=} gives padding (default 0); {@code st}/{@code di} default to 1.
 *   <li><b>compact</b>: one token per layer, joined by {@code -} (or whitespace):
 *       {@code c32k7s2d1-relu-max2-bn-drop0.5-flat-fc10}. Grammar:
 *       <pre>
 *       conv    := "c" OUT ["k" K] ["s" S] ["d" D] ["p" P] ["nb"]   defaults k3 s1 d1 p0, bias on
 *       act     := "relu" | "gelu" | "tanh" | "sigmoid" | "identity"
 *       pool    := ("max" | "avg") K ["s" S] ["p" P]                 stride defaults to K
 *       bn      := "bn"
 *       dropout := "drop" P                                          0 &lt;= P &lt; 1
 *       flatten := "flat"
 *       linear  := "fc" OUT ["nb"]
 *       </pre>
 *   <li><b>JSON / YAML</b>: {@code {"layers": [{"type": "conv", "out_channels": 32, "kernel": 7,
 *       "stride": 2, "dilation": 1, "padding": 0, "bias": true}, {"type": "relu"}, ...]}} with
 *       types conv, relu/gelu/tanh/sigmoid/identity, maxpool, avgpool, batchnorm, dropout, flatten,
 *       linear; a bare list of layers is accepted too.
 * </ul>
 *
 * {@link #parse} detects the form; {@code @file} or an existing {@code .json/.yaml/.yml} path reads a file.
 */
public final class SpecFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private static final Pattern CONV = Pattern.compile("c(\\d+)(?:k(\\d+))?(?:s(\\d+))?(?:d(\\d+))?(?:p(\\d+))?(nb)?");
    private static final Pattern POOL = Pattern.compile("(max|avg)(\\d+)(?:s(\\d+))?(?:p(\\d+))?");
    private static final Pattern DROP = Pattern.compile("drop(\\d*\\.?\\d+)");
    private static final Pattern FC = Pattern.compile("fc(\\d+)(nb)?");

    private SpecFormat() {}

    // ---------------------------------------------------------------- detection

    /** Parses any text form (or a file reference), detecting which one it is. */
    public static ArchSpec parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new SpecException("empty spec");
        }
        Path file = fileReference(t);
        if (file != null) {
            try {
                String content = Files.readString(file);
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".json") ? parseJson(content) : parseYaml(content);
            } catch (IOException e) {
                throw new UserException("cannot read spec file " + file + ": " + e.getMessage());
            } catch (SpecException e) {
                throw new SpecException(file + ": " + e.getMessage());
            }
        }
        if (t.startsWith("{") || t.startsWith("[")) {
            return parseJson(t);
        }
        if (t.contains("=")) {
            return parsePublished(t);
        }
        if (t.contains(":") || t.contains("\n")) {
            return parseYaml(t);
        }
        return parseCompact(t);
    }

    private static Path fileReference(String t) {
        if (t.startsWith("@")) {
            Path p = Path.of(t.substring(1));
            if (!Files.isRegularFile(p)) {
                throw new UserException("spec file not found: " + p);
            }
            return p;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if ((lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml")) && !t.contains("\n")) {
            Path p = Path.of(t);
            if (!Files.isRegularFile(p)) {
                throw new UserException("spec file not found: " + p);
            }
            return p;
        }
        return null;
    }

    /** The published notation when the spec has that form, the compact one otherwise. */
    public static String toText(ArchSpec spec) {
        return isPublishable(spec) ? toPublished(spec) : toCompact(spec);
    }

    // ---------------------------------------------------------------- published notation

    /** True when every layer pair is conv (with bias) followed by ReLU. */
    public static boolean isPublishable(ArchSpec spec) {
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

    public static String toPublished(ArchSpec spec) {
        if (!isPublishable(spec)) {
            throw new IllegalArgumentException("not a conv+relu spec: " + toCompact(spec));
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

    public static ArchSpec parsePublished(String text) {
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

    // ---------------------------------------------------------------- compact notation

    public static String toCompact(ArchSpec spec) {
        List<String> tokens = new ArrayList<>();
        for (Layer l : spec.layers()) {
            tokens.add(token(l));
        }
        return String.join("-", tokens);
    }

    /** The compact token of one layer, e.g. {@code c32k7s2d1}, {@code relu}, {@code max2}. */
    public static String token(Layer l) {
        if (l instanceof Layer.Conv c) {
            return "c" + c.outChannels() + "k" + c.kernel() + "s" + c.stride() + "d" + c.dilation()
                    + (c.padding() != 0 ? "p" + c.padding() : "") + (c.bias() ? "" : "nb");
        } else if (l instanceof Layer.Act a) {
            return a.fn().key();
        } else if (l instanceof Layer.Pool p) {
            return p.kind().key() + p.kernel()
                    + (p.stride() != p.kernel() ? "s" + p.stride() : "")
                    + (p.padding() != 0 ? "p" + p.padding() : "");
        } else if (l instanceof Layer.BatchNorm) {
            return "bn";
        } else if (l instanceof Layer.Dropout d) {
            return "drop" + formatDouble(d.p());
        } else if (l instanceof Layer.Flatten) {
            return "flat";
        } else {
            Layer.Linear fc = (Layer.Linear) l;
            return "fc" + fc.outFeatures() + (fc.bias() ? "" : "nb");
        }
    }

    private static String formatDouble(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    public static ArchSpec parseCompact(String text) {
        String[] tokens = text.trim().split("[\\s-]+");
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            try {
                layers.add(parseToken(tokens[i].toLowerCase(Locale.ROOT)));
            } catch (SpecException e) {
                throw new SpecException("spec '" + text.trim() + "', layer " + i + " ('" + tokens[i] + "'): "
                        + e.getMessage());
            }
        }
        return new ArchSpec(layers);
    }

    private static Layer parseToken(String t) {
        Matcher m;
        if ((m = CONV.matcher(t)).matches()) {
            return new Layer.Conv(num(m.group(1)), opt(m.group(2), 3), opt(m.group(3), 1), opt(m.group(4), 1),
                    opt(m.group(5), 0), m.group(6) == null);
        }
        if ((m = POOL.matcher(t)).matches()) {
            int k = num(m.group(2));
            return new Layer.Pool(Layer.PoolKind.valueOf(m.group(1).toUpperCase(Locale.ROOT)), k, opt(m.group(3), k),
                    opt(m.group(4), 0));
        }
        if ((m = DROP.matcher(t)).matches()) {
            return new Layer.Dropout(Double.parseDouble(m.group(1)));
        }
        if ((m = FC.matcher(t)).matches()) {
            return new Layer.Linear(num(m.group(1)), m.group(2) == null);
        }
        switch (t) {
            case "bn":
                return new Layer.BatchNorm();
            case "flat":
                return new Layer.Flatten();
            case "id":
                return new Layer.Act(Layer.Activation.IDENTITY);
            default:
                break;
        }
        for (Layer.Activation a : Layer.Activation.values()) {
            if (a.key().equals(t)) {
                return new Layer.Act(a);
            }
        }
        throw new SpecException("unknown layer (expected c<out>k<k>s<s>d<d>p<p>, relu, gelu, tanh, sigmoid, "
                + "identity, max<k>, avg<k>, bn, drop<p>, flat, fc<n>)");
    }

    private static int num(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new SpecException("number too large: " + s);
        }
    }

    private static int opt(String s, int dflt) {
        return s == null ? dflt : num(s);
    }

    // ---------------------------------------------------------------- JSON / YAML

    public static String toJson(ArchSpec spec) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toYaml(ArchSpec spec) {
        try {
            return YAML.writeValueAsString(toTree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ArchSpec parseJson(String text) {
        try {
            return fromTree(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new SpecException("spec JSON is malformed: " + e.getOriginalMessage());
        }
    }

    public static ArchSpec parseYaml(String text) {
        try {
            return fromTree(YAML.readTree(text));
        } catch (JsonProcessingException e) {
            throw new SpecException("spec YAML is malformed: " + e.getOriginalMessage());
        }
    }

    /** The spec as a JSON tree (the {@code layers} object used by JSON, YAML and result stores). */
    public static ObjectNode toTree(ArchSpec spec) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("layers");
        for (Layer l : spec.layers()) {
            ObjectNode n = arr.addObject();
            if (l instanceof Layer.Conv c) {
                n.put("type", "conv");
                n.put("out_channels", c.outChannels());
                n.put("kernel", c.kernel());
                n.put("stride", c.stride());
                n.put("dilation", c.dilation());
                n.put("padding", c.padding());
                n.put("bias", c.bias());
            } else if (l instanceof Layer.Act a) {
                n.put("type", a.fn().key());
            } else if (l instanceof Layer.Pool p) {
                n.put("type", p.kind().key() + "pool");
                n.put("kernel", p.kernel());
                n.put("stride", p.stride());
                n.put("padding", p.padding());
            } else if (l instanceof Layer.BatchNorm) {
                n.put("type", "batchnorm");
            } else if (l instanceof Layer.Dropout d) {
                n.put("type", "dropout");
                n.put("p", d.p());
            } else if (l instanceof Layer.Flatten) {
                n.put("type", "flatten");
            } else {
                Layer.Linear fc = (Layer.Linear) l;
                n.put("type", "linear");
                n.put("out_features", fc.outFeatures());
                n.put("bias", fc.bias());
            }
        }
        return root;
    }

    public static ArchSpec fromTree(JsonNode root) {
        JsonNode arr = root != null && root.isObject() ? root.get("layers") : root;
        if (arr == null || !arr.isArray()) {
            throw new SpecException("spec must be an object with a 'layers' list (or a bare list of layers)");
        }
        if (root.isObject()) {
            checkKeys(root, "spec", Set.of("layers", "name", "description"));
        }
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode n = arr.get(i);
            String where = "layer " + i;
            if (!n.isObject() || !n.hasNonNull("type")) {
                throw new SpecException(where + ": each layer needs a 'type'");
            }
            String type = n.get("type").asText().toLowerCase(Locale.ROOT);
            try {
                layers.add(layerFromTree(type, n, where));
            } catch (SpecException e) {
                throw e.getMessage().startsWith(where) ? e : new SpecException(where + " (" + type + "): " + e.getMessage());
            }
        }
        return new ArchSpec(layers);
    }

    private static Layer layerFromTree(String type, JsonNode n, String where) {
        switch (type) {
            case "conv":
                checkKeys(n, where, Set.of("type", "out_channels", "kernel", "stride", "dilation", "padding", "bias"));
                return new Layer.Conv(req(n, "out_channels"), intOr(n, "kernel", 3), intOr(n, "stride", 1),
                        intOr(n, "dilation", 1), intOr(n, "padding", 0), boolOr(n, "bias", true));
            case "maxpool":
            case "avgpool": {
                checkKeys(n, where, Set.of("type", "kernel", "stride", "padding"));
                int k = req(n, "kernel");
                return new Layer.Pool(type.startsWith("max") ? Layer.PoolKind.MAX : Layer.PoolKind.AVG, k,
                        intOr(n, "stride", k), intOr(n, "padding", 0));
            }
            case "batchnorm":
                checkKeys(n, where, Set.of("type"));
                return new Layer.BatchNorm();
            case "dropout":
                checkKeys(n, where, Set.of("type", "p"));
                return new Layer.Dropout(n.has("p") ? n.get("p").asDouble() : 0.5);
            case "flatten":
                checkKeys(n, where, Set.of("type"));
                return new Layer.Flatten();
            case "linear":
                checkKeys(n, where, Set.of("type", "out_features", "bias"));
                return new Layer.Linear(req(n, "out_features"), boolOr(n, "bias", true));
            default:
                checkKeys(n, where, Set.of("type"));
                for (Layer.Activation a : Layer.Activation.values()) {
                    if (a.key().equals(type)) {
                        return new Layer.Act(a);
                    }
                }
                throw new SpecException(where + ": unknown layer type '" + type + "' (known: conv, relu, gelu, tanh, "
                        + "sigmoid, identity, maxpool, avgpool, batchnorm, dropout, flatten, linear)");
        }
    }

    private static void checkKeys(JsonNode n, String where, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new SpecException(where + ": unknown field '" + k + "' (allowed: " + String.join(", ",
                        new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static int req(JsonNode n, String key) {
        if (!n.has(key)) {
            throw new SpecException("missing '" + key + "'");
        }
        return intOr(n, key, 0);
    }

    private static int intOr(JsonNode n, String key, int dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new SpecException("'" + key + "' must be a whole number, got " + v);
        }
        return v.asInt();
    }

    private static boolean boolOr(JsonNode n, String key, boolean dflt) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new SpecException("'" + key + "' must be true or false, got " + v);
        }
        return v.asBoolean();
    }
}
