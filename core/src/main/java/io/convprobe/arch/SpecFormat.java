package io.convprobe.arch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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
 * <p>A fifth form, {@code nb201:[C<width>:][N<cells>:]|op~0|+|op~0|op~1|+|op~0|op~1|op~2|}
 * ({@link Nb201Notation}), writes a NAS-Bench-201 cell network. It is not a chain, so it parses to
 * a {@link Nb201Spec} (and its {@link GraphSpec}) through {@link #parseNb201}, not to an
 * {@link ArchSpec}; {@link #parse} refuses it with a line saying so.
 *
 * {@link #parse} detects the form; {@code @file} or an existing {@code .json/.yaml/.yml} path reads a file.
 * Each notation is its own class ({@link PublishedNotation}, {@link CompactNotation},
 * {@link JsonNotation}, {@link YamlNotation}); this one detects and dispatches.
 */
public final class SpecFormat {
    private SpecFormat() {}

    /** Parses any text form (or a file reference), detecting which one it is. */
    public static ArchSpec parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new SpecException("empty spec");
        }
        if (Nb201Notation.matches(t)) {
            Nb201Notation.parse(t); // a malformed one says what is wrong with it first
            throw new SpecException("'" + t + "' is a cell network (nb201:); `arch`, `probe`, `search --preset nb201`, `train`, `evaluate` and `export` take "
                    + "cell networks, this needs a chain of layers");
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

    /** True when every layer pair is conv (with bias) followed by ReLU. */
    public static boolean isPublishable(ArchSpec spec) {
        return PublishedNotation.isPublishable(spec);
    }

    public static String toPublished(ArchSpec spec) {
        return PublishedNotation.format(spec);
    }

    public static ArchSpec parsePublished(String text) {
        return PublishedNotation.parse(text);
    }

    public static String toCompact(ArchSpec spec) {
        return CompactNotation.format(spec);
    }

    /** The compact token of one layer, e.g. {@code c32k7s2d1}, {@code relu}, {@code max2}. */
    public static String token(Layer l) {
        return CompactNotation.token(l);
    }

    public static ArchSpec parseCompact(String text) {
        return CompactNotation.parse(text);
    }

    public static String toJson(ArchSpec spec) {
        return JsonNotation.format(spec);
    }

    public static ArchSpec parseJson(String text) {
        return JsonNotation.parse(text);
    }

    public static String toYaml(ArchSpec spec) {
        return YamlNotation.format(spec);
    }

    public static ArchSpec parseYaml(String text) {
        return YamlNotation.parse(text);
    }

    /** True when the text is an {@code nb201:} cell network rather than a chain. */
    public static boolean isNb201(String text) {
        return Nb201Notation.matches(text);
    }

    public static Nb201Spec parseNb201(String text) {
        return Nb201Notation.parse(text);
    }

    public static String toNb201(Nb201Spec spec) {
        return Nb201Notation.format(spec);
    }

    /** The spec as a JSON tree (the {@code layers} object used by JSON, YAML and result stores). */
    public static ObjectNode toTree(ArchSpec spec) {
        return JsonNotation.toTree(spec);
    }

    public static ArchSpec fromTree(JsonNode root) {
        return JsonNotation.fromTree(root);
    }
}
