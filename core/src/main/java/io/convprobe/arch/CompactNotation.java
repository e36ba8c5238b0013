package io.convprobe.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compact notation, one token per layer joined by {@code -} (or whitespace):
 * {@code c32k7s2d1-relu-max2-bn-drop0.5-flat-fc10}; the grammar is in {@link SpecFormat}. It is the
 * form specs take in the store, the csv files and the layer-timing keys.
 */
final class CompactNotation {
    private static final Pattern CONV = Pattern.compile("c(\\d+)(?:k(\\d+))?(?:s(\\d+))?(?:d(\\d+))?(?:p(\\d+))?(nb)?");
    private static final Pattern POOL = Pattern.compile("(max|avg)(\\d+)(?:s(\\d+))?(?:p(\\d+))?");
    private static final Pattern DROP = Pattern.compile("drop(\\d*\\.?\\d+)");
    private static final Pattern FC = Pattern.compile("fc(\\d+)(nb)?");

    private CompactNotation() {}

    static String format(ArchSpec spec) {
        List<String> tokens = new ArrayList<>();
        for (Layer l : spec.layers()) {
            tokens.add(token(l));
        }
        return String.join("-", tokens);
    }

    /** The compact token of one layer, e.g. {@code c32k7s2d1}, {@code relu}, {@code max2}. */
    static String token(Layer l) {
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

    static ArchSpec parse(String text) {
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
}
