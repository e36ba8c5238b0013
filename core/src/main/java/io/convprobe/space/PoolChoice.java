package io.convprobe.space;

import io.convprobe.UserException;
import io.convprobe.arch.Layer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional pooling step after a layer's activation: none, or max/avg pooling with a square
 * window ({@code max2} = 2×2 window, stride 2; {@code avg3s2} = 3×3 window, stride 2; no padding).
 */
public record PoolChoice(Layer.PoolKind kind, int kernel, int stride) {
    public static final PoolChoice NONE = new PoolChoice(null, 1, 1);
    private static final Pattern FORM = Pattern.compile("(max|avg)(\\d+)(?:s(\\d+))?");

    public PoolChoice {
        if (kind != null && (kernel < 1 || stride < 1)) {
            throw new UserException("pool kernel and stride must be >= 1, got " + kernel + "/" + stride);
        }
    }

    public boolean none() {
        return kind == null;
    }

    /** The pool layer, or null for {@link #NONE}. */
    public Layer.Pool layer() {
        return kind == null ? null : new Layer.Pool(kind, kernel, stride, 0);
    }

    /** Output size along one axis after the pool; 0 when the window does not fit. */
    public int out(int in) {
        return kind == null ? in : in < kernel ? 0 : (in - kernel) / stride + 1;
    }

    /** Parses {@code none}, {@code max2}, {@code avg2}, {@code max3s2}. */
    public static PoolChoice parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("-")) {
            return NONE;
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new UserException("pool '" + text + "': expected none, maxK, avgK or maxKsS (e.g. max2, avg3s2)");
        }
        int k = Integer.parseInt(m.group(2));
        int s = m.group(3) == null ? k : Integer.parseInt(m.group(3));
        return new PoolChoice(m.group(1).equals("max") ? Layer.PoolKind.MAX : Layer.PoolKind.AVG, k, s);
    }

    public String key() {
        if (kind == null) {
            return "none";
        }
        return kind.key() + kernel + (stride == kernel ? "" : "s" + stride);
    }

    @Override
    public String toString() {
        return key();
    }
}
