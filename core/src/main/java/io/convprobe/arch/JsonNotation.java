package io.convprobe.arch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON notation, {@code {"layers": [{"type": "conv", "out_channels": 32, "kernel": 7, ...},
 * {"type": "relu"}, ...]}} (a bare list of layers is accepted too). Its tree ({@link #toTree},
 * {@link #fromTree}) is also what {@link YamlNotation} and the result stores read and write, so the
 * field names and their checks live here once.
 */
final class JsonNotation {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonNotation() {}

    static String format(ArchSpec spec) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ArchSpec parse(String text) {
        try {
            return fromTree(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new SpecException("spec JSON is malformed: " + e.getOriginalMessage());
        }
    }

    /** The spec as a JSON tree (the {@code layers} object used by JSON, YAML and result stores). */
    static ObjectNode toTree(ArchSpec spec) {
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

    static ArchSpec fromTree(JsonNode root) {
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
