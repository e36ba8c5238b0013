package io.convprobe.train.augment;

/**
 * Geometric ops on {@link UInt8Image}, following torchvision 0.14's tensor functional API
 * ({@code torchvision.transforms.functional} / {@code functional_tensor}). Pure functions: inputs
 * are never modified.
 *
 * <p>Affine ops (shear, translate, rotate) use nearest interpolation like TrivialAugmentWide's
 * default: each output pixel is looked up through torchvision's inverse affine matrix around the
 * image centre and rounded to the nearest source pixel (half to even); pixels that land outside the
 * image get {@code fill}. The sampling grid is computed in float32 in the same order as torchvision
 * ({@code _gen_affine_grid} then {@code grid_sample}'s unnormalisation), so rounding ties break the
 * same way in nearly all cases; torch's matrix product runs in BLAS, whose summation order we cannot
 * see, so a pixel exactly on a rounding boundary can still occasionally differ.
 */
public final class GeometricOps {
    private GeometricOps() {
    }

    /** Mirrors columns (torchvision {@code hflip}). */
    public static UInt8Image hflip(UInt8Image img) {
        int w = img.width();
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        for (int row = 0; row < img.channels() * img.height(); row++) {
            int base = row * w;
            for (int x = 0; x < w; x++) {
                out[base + x] = src[base + w - 1 - x];
            }
        }
        return new UInt8Image(img.channels(), img.height(), w, out);
    }

    /** Constant padding (torchvision {@code pad(..., padding_mode="constant")}). */
    public static UInt8Image pad(UInt8Image img, int left, int top, int right, int bottom, int fill) {
        if (left < 0 || top < 0 || right < 0 || bottom < 0) {
            throw new IllegalArgumentException("padding must be non-negative");
        }
        int h = img.height() + top + bottom;
        int w = img.width() + left + right;
        byte[] out = new byte[img.channels() * h * w];
        java.util.Arrays.fill(out, (byte) fill);
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < img.height(); y++) {
                System.arraycopy(img.data(), (c * img.height() + y) * img.width(),
                        out, (c * h + y + top) * w + left, img.width());
            }
        }
        return new UInt8Image(img.channels(), h, w, out);
    }

    /** The {@code height x width} window whose top-left corner is ({@code top}, {@code left}). */
    public static UInt8Image crop(UInt8Image img, int top, int left, int height, int width) {
        if (top < 0 || left < 0 || height < 1 || width < 1
                || top + height > img.height() || left + width > img.width()) {
            throw new IllegalArgumentException("crop " + height + "x" + width + " at (" + top + ","
                    + left + ") outside " + img.height() + "x" + img.width());
        }
        byte[] out = new byte[img.channels() * height * width];
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(img.data(), (c * img.height() + top + y) * img.width() + left,
                        out, (c * height + y) * width, width);
            }
        }
        return new UInt8Image(img.channels(), height, width, out);
    }

    /** Sets the {@code h x w} rectangle at ({@code top}, {@code left}) to {@code value} in all channels. */
    public static UInt8Image erase(UInt8Image img, int top, int left, int h, int w, int value) {
        byte[] out = img.data().clone();
        int bottom = Math.min(top + h, img.height());
        int right = Math.min(left + w, img.width());
        for (int c = 0; c < img.channels(); c++) {
            for (int y = Math.max(top, 0); y < bottom; y++) {
                int base = (c * img.height() + y) * img.width();
                java.util.Arrays.fill(out, base + Math.max(left, 0), base + Math.max(right, 0), (byte) value);
            }
        }
        return new UInt8Image(img.channels(), img.height(), img.width(), out);
    }

    /**
     * Shear parallel to the x axis by {@code factor} = tan(shear angle), pivoting on the top-left
     * corner: output (x, y) takes source (x + factor * y, y) (in pixel-centre coordinates). This is
     * TrivialAugmentWide's ShearX with magnitude {@code factor}.
     */
    public static UInt8Image shearX(UInt8Image img, double factor, int fill) {
        double degrees = Math.toDegrees(Math.atan(factor));
        return affine(img, 0, 0, 0, degrees, 0, new double[] {0, 0}, fill);
    }

    /** Shear parallel to the y axis; see {@link #shearX}. */
    public static UInt8Image shearY(UInt8Image img, double factor, int fill) {
        double degrees = Math.toDegrees(Math.atan(factor));
        return affine(img, 0, 0, 0, 0, degrees, new double[] {0, 0}, fill);
    }

    /** Shifts content right by {@code dx} and down by {@code dy} pixels. */
    public static UInt8Image translate(UInt8Image img, int dx, int dy, int fill) {
        return affine(img, 0, dx, dy, 0, 0, null, fill);
    }

    /** Rotates counter-clockwise by {@code degrees} about the image centre (torchvision {@code rotate}). */
    public static UInt8Image rotate(UInt8Image img, double degrees, int fill) {
        // torchvision.functional.rotate passes -angle: affine's angle is clockwise.
        double[] m = inverseAffineMatrix(0, 0, -degrees, 0, 0, 1.0, 0, 0);
        return sampleNearest(img, m, fill);
    }

    /**
     * torchvision {@code affine} with scale 1: clockwise {@code angle}, translation, and shears in
     * degrees, about {@code centre} (pixel coordinates, origin at the top-left corner; null = image
     * centre).
     */
    public static UInt8Image affine(UInt8Image img, double angle, int tx, int ty, double shearXDeg,
            double shearYDeg, double[] centre, int fill) {
        double cx = 0;
        double cy = 0;
        if (centre != null) {
            // torchvision works in coordinates whose origin is the image centre.
            cx = centre[0] - img.width() * 0.5;
            cy = centre[1] - img.height() * 0.5;
        }
        double[] m = inverseAffineMatrix(cx, cy, angle, tx, ty, 1.0, shearXDeg, shearYDeg);
        return sampleNearest(img, m, fill);
    }

    /**
     * torchvision's {@code _get_inverse_affine_matrix}: maps output coordinates (centred) to input
     * coordinates, as {@code [a, b, c, d, e, f]} for x' = a x + b y + c, y' = d x + e y + f.
     */
    static double[] inverseAffineMatrix(double cx, double cy, double angle, double tx, double ty,
            double scale, double shearXDeg, double shearYDeg) {
        double rot = Math.toRadians(angle);
        double sx = Math.toRadians(shearXDeg);
        double sy = Math.toRadians(shearYDeg);
        double a = Math.cos(rot - sy) / Math.cos(sy);
        double b = -Math.cos(rot - sy) * Math.tan(sx) / Math.cos(sy) - Math.sin(rot);
        double c = Math.sin(rot - sy) / Math.cos(sy);
        double d = -Math.sin(rot - sy) * Math.tan(sx) / Math.cos(sy) + Math.cos(rot);
        double[] m = {d / scale, -b / scale, 0.0, -c / scale, a / scale, 0.0};
        m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
        m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
        m[2] += cx;
        m[5] += cy;
        return m;
    }

    /** Nearest-neighbour resampling through {@code m}, in float32 like torchvision's grid. */
    static UInt8Image sampleNearest(UInt8Image img, double[] m, int fill) {
        int ch = img.channels();
        int h = img.height();
        int w = img.width();
        float halfW = 0.5f * w;
        float halfH = 0.5f * h;
        // theta^T / [0.5 w, 0.5 h], as in _gen_affine_grid: grid values are normalised to [-1, 1].
        float ax = (float) m[0] / halfW;
        float bx = (float) m[1] / halfW;
        float cx = (float) m[2] / halfW;
        float ay = (float) m[3] / halfH;
        float by = (float) m[4] / halfH;
        float cy = (float) m[5] / halfH;
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        int plane = h * w;
        for (int oy = 0; oy < h; oy++) {
            float y = -h * 0.5f + 0.5f + oy;
            for (int ox = 0; ox < w; ox++) {
                float x = -w * 0.5f + 0.5f + ox;
                float gx = x * ax + y * bx + cx;
                float gy = x * ay + y * by + cy;
                // grid_sample(align_corners=False) unnormalisation, then round half to even.
                int sx = (int) Math.rint((gx + 1f) * halfW - 0.5f);
                int sy = (int) Math.rint((gy + 1f) * halfH - 0.5f);
                boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                for (int c = 0; c < ch; c++) {
                    out[c * plane + oy * w + ox] = inside ? src[c * plane + sy * w + sx] : (byte) fill;
                }
            }
        }
        return new UInt8Image(ch, h, w, out);
    }
}
