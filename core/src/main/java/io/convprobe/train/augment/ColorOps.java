package io.convprobe.train.augment;

/**
 * Pixel-value ops on {@link UInt8Image}, bit-exact with torchvision 0.14's uint8 tensor versions
 * ({@code functional_tensor}). Pure functions: inputs are never modified.
 *
 * <p>The blend-based ops (brightness, saturation, contrast, sharpness) compute
 * {@code ratio * img + (1 - ratio) * other} in float32, clamp to [0, 255] and truncate towards
 * zero, exactly like torchvision's {@code _blend} ({@code .to(uint8)} truncates). Colour ops need
 * 1 or 3 channels, as in torchvision.
 */
public final class ColorOps {
    private ColorOps() {
    }

    /** Scales every pixel by {@code factor} (blend with black). */
    public static UInt8Image brightness(UInt8Image img, double factor) {
        requireNonNegative("brightness", factor);
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = blend(src[i] & 0xFF, 0f, factor);
        }
        return like(img, out);
    }

    /** Blend with the grayscale image ("Color" in TrivialAugmentWide); 1-channel images are returned unchanged. */
    public static UInt8Image saturation(UInt8Image img, double factor) {
        requireNonNegative("saturation", factor);
        requireGrayOrRgb(img);
        if (img.channels() == 1) {
            return like(img, img.data().clone());
        }
        byte[] gray = grayscale(img).data();
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        int plane = img.pixelCount();
        for (int i = 0; i < src.length; i++) {
            out[i] = blend(src[i] & 0xFF, gray[i % plane] & 0xFF, factor);
        }
        return like(img, out);
    }

    /** Blend with the mean of the grayscale image (a single float32 value). */
    public static UInt8Image contrast(UInt8Image img, double factor) {
        requireNonNegative("contrast", factor);
        requireGrayOrRgb(img);
        byte[] gray = img.channels() == 3 ? grayscale(img).data() : img.data();
        long sum = 0;
        for (byte g : gray) {
            sum += g & 0xFF;
        }
        // torch sums in float32 (exact for integer sums below 2^24) then divides by the count.
        float mean = (float) sum / (float) gray.length;
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = blend(src[i] & 0xFF, mean, factor);
        }
        return like(img, out);
    }

    /**
     * Blend with a smoothed copy: interior pixels filtered with [[1,1,1],[1,5,1],[1,1,1]]/13 and
     * rounded, border pixels kept. Images with a side of 2 or less are returned unchanged.
     */
    public static UInt8Image sharpness(UInt8Image img, double factor) {
        requireNonNegative("sharpness", factor);
        int h = img.height();
        int w = img.width();
        if (h <= 2 || w <= 2) {
            return like(img, img.data().clone());
        }
        byte[] src = img.data();
        int[] blurred = img.values();
        for (int c = 0; c < img.channels(); c++) {
            int base = c * h * w;
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    int sum = 4 * (src[base + y * w + x] & 0xFF);
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            sum += src[base + (y + dy) * w + x + dx] & 0xFF;
                        }
                    }
                    // sum/13 is never within float32 error of a .5 tie, so exact rounding matches torch.
                    blurred[base + y * w + x] = (int) Math.rint(sum / 13.0);
                }
            }
        }
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = blend(src[i] & 0xFF, blurred[i], factor);
        }
        return like(img, out);
    }

    /** Keeps the top {@code bits} bits of every pixel (0..8). */
    public static UInt8Image posterize(UInt8Image img, int bits) {
        if (bits < 0 || bits > 8) {
            throw new IllegalArgumentException("posterize bits must be 0..8, got " + bits);
        }
        int mask = -(1 << (8 - bits));
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = (byte) (src[i] & mask);
        }
        return like(img, out);
    }

    /** Inverts pixels at or above {@code threshold} (compared in float32 as torch does). */
    public static UInt8Image solarize(UInt8Image img, double threshold) {
        if (threshold > 255) {
            throw new IllegalArgumentException("solarize threshold must be at most 255, got " + threshold);
        }
        float t = (float) threshold;
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            int v = src[i] & 0xFF;
            out[i] = (byte) (v >= t ? 255 - v : v);
        }
        return like(img, out);
    }

    /** Stretches each channel linearly so its minimum becomes 0 and its maximum 255. */
    public static UInt8Image autocontrast(UInt8Image img) {
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        int plane = img.pixelCount();
        for (int c = 0; c < img.channels(); c++) {
            int min = 255;
            int max = 0;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                min = Math.min(min, src[i] & 0xFF);
                max = Math.max(max, src[i] & 0xFF);
            }
            // torch: scale = 255 / (max - min) in float32, which Tensor.__rtruediv__ evaluates as
            // reciprocal(max - min) * 255 (this can differ from a true division by 1 ulp and flip a
            // truncated 255 to 254). A flat channel gets min 0, scale 1.
            float lo = max == min ? 0f : min;
            float scale = max == min ? 1f : (1f / (float) (max - min)) * 255f;
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                float v = ((src[i] & 0xFF) - lo) * scale;
                out[i] = (byte) (int) Math.min(255f, Math.max(0f, v));
            }
        }
        return like(img, out);
    }

    /**
     * Histogram equalisation per channel with torchvision's integer LUT ({@code _scale_channel}):
     * step = (pixel count minus the count of the highest occupied bin) / 255, floored;
     * lut[v] = (cumulative count below v + step / 2) / step, clamped to 255. A channel with step 0
     * (too few pixels or a single value) is left unchanged.
     */
    public static UInt8Image equalize(UInt8Image img) {
        byte[] src = img.data();
        byte[] out = src.clone();
        int plane = img.pixelCount();
        for (int c = 0; c < img.channels(); c++) {
            long[] hist = new long[256];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                hist[src[i] & 0xFF]++;
            }
            int last = 255;
            while (hist[last] == 0) {
                last--;
            }
            long step = (plane - hist[last]) / 255;
            if (step == 0) {
                continue;
            }
            int[] lut = new int[256];
            long cumulative = 0;
            for (int v = 0; v < 256; v++) {
                // lut is shifted by one bin: value v maps from the count strictly below v.
                lut[v] = (int) Math.min(255, (cumulative + step / 2) / step);
                cumulative += hist[v];
            }
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                out[i] = (byte) lut[src[i] & 0xFF];
            }
        }
        return like(img, out);
    }

    /** Luma 0.2989 R + 0.587 G + 0.114 B in float32, truncated (torchvision {@code rgb_to_grayscale}). */
    public static UInt8Image grayscale(UInt8Image img) {
        requireGrayOrRgb(img);
        if (img.channels() == 1) {
            return like(img, img.data().clone());
        }
        int plane = img.pixelCount();
        byte[] src = img.data();
        byte[] out = new byte[plane];
        for (int i = 0; i < plane; i++) {
            float l = 0.2989f * (src[i] & 0xFF) + 0.587f * (src[plane + i] & 0xFF)
                    + 0.114f * (src[2 * plane + i] & 0xFF);
            out[i] = (byte) (int) l;
        }
        return new UInt8Image(1, img.height(), img.width(), out);
    }

    /** torchvision {@code _blend} for one pixel: float32 arithmetic, clamp, truncate. */
    static byte blend(int a, float b, double ratio) {
        float v = (float) ratio * a + (float) (1.0 - ratio) * b;
        return (byte) (int) Math.min(255f, Math.max(0f, v));
    }

    private static UInt8Image like(UInt8Image img, byte[] data) {
        return new UInt8Image(img.channels(), img.height(), img.width(), data);
    }

    private static void requireNonNegative(String what, double factor) {
        if (!(factor >= 0)) {
            throw new IllegalArgumentException(what + " factor must be non-negative, got " + factor);
        }
    }

    private static void requireGrayOrRgb(UInt8Image img) {
        if (img.channels() != 1 && img.channels() != 3) {
            throw new IllegalArgumentException("colour ops need 1 or 3 channels, got " + img.channels());
        }
    }
}
