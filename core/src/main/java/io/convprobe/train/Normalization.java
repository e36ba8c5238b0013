package io.convprobe.train;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.util.Locale;

/**
 * How uint8 pixels become the network's float input: x/255 (torchvision's {@code ToTensor}), then,
 * unless {@code none}, per channel (x − mean)/std (torchvision's {@code Normalize}), in float32 in
 * that order, as PyTorch computes it. The {@code --normalize} text: {@code none} (the default),
 * {@code cifar10} (CIFAR-10's training-set mean (0.4914, 0.4822, 0.4465) and std (0.2470, 0.2435,
 * 0.2616), NAS-Bench-201's recipe), or explicit {@code M1,M2,M3/S1,S2,S3} (one value per channel).
 */
public final class Normalization {
    public static final String NONE_NAME = "none";
    public static final String CIFAR10 = "cifar10";
    public static final Normalization NONE = new Normalization(NONE_NAME, null, null);

    private final String text;
    private final float[] mean;
    private final float[] std;

    private Normalization(String text, float[] mean, float[] std) {
        this.text = text;
        this.mean = mean;
        this.std = std;
    }

    /** The normalisation {@code text} names; a one-line {@link UserException} when it is malformed. */
    public static Normalization parse(String text) {
        String t = text == null ? NONE_NAME : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals(NONE_NAME)) {
            return NONE;
        }
        if (t.equals(CIFAR10)) {
            return new Normalization(t, new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2470f, 0.2435f, 0.2616f});
        }
        String[] parts = t.split("/", -1);
        if (parts.length != 2) {
            throw bad(text);
        }
        float[] m = floats(parts[0], text);
        float[] s = floats(parts[1], text);
        if (m.length != s.length) {
            throw new UserException("--normalize '" + text + "': " + m.length + " means but " + s.length + " stds");
        }
        for (float v : s) {
            if (!(v > 0) || Float.isInfinite(v)) {
                throw new UserException("--normalize '" + text + "': every std must be a positive number");
            }
        }
        return new Normalization(t, m, s);
    }

    private static float[] floats(String list, String whole) {
        String[] items = list.split(",", -1);
        float[] out = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            try {
                out[i] = Float.parseFloat(items[i].trim());
            } catch (NumberFormatException e) {
                throw bad(whole);
            }
            if (!Float.isFinite(out[i])) {
                throw bad(whole);
            }
        }
        return out;
    }

    private static UserException bad(String text) {
        return new UserException("--normalize '" + text + "': expected none, " + CIFAR10
                + " or per-channel MEANS/STDS such as 0.5,0.5,0.5/0.25,0.25,0.25");
    }

    /** The text this was parsed from, lower-cased (what a config stores). */
    public String text() {
        return text;
    }

    public boolean isNone() {
        return mean == null;
    }

    /** Per-channel means (a copy), or null for {@code none}. */
    public float[] mean() {
        return mean == null ? null : mean.clone();
    }

    /** Per-channel standard deviations (a copy), or null for {@code none}. */
    public float[] std() {
        return std == null ? null : std.clone();
    }

    /** Refuses images whose channel count differs from the normalisation's. */
    public void check(Shape image, String where) {
        if (mean != null && image.channels() != mean.length) {
            throw new UserException("--normalize " + text + " has " + mean.length + " channels, but " + where + " has "
                    + image.channels() + "-channel images (" + image + "); pass --normalize none or one value per channel");
        }
    }

    /**
     * Images {@code [from, from + n)} of a uint8 NCHW array as float32: x/255, then (x − mean)/std
     * per channel. {@code shape} is one image's.
     */
    public float[] toFloat(byte[] pixels, int from, int n, Shape shape) {
        int per = Math.toIntExact(shape.elements());
        float[] x = new float[n * per];
        int off = from * per;
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[off + i] & 0xFF) / 255f;
        }
        if (mean != null) {
            check(shape, "the input");
            int plane = shape.height() * shape.width();
            for (int i = 0; i < x.length; i++) {
                int c = (i / plane) % mean.length;
                x[i] = (x[i] - mean[c]) / std[c];
            }
        }
        return x;
    }

    @Override
    public String toString() {
        return text;
    }
}
