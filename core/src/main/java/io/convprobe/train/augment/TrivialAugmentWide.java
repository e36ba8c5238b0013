package io.convprobe.train.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * TrivialAugment Wide (Müller &amp; Hutter 2021) as in torchvision 0.14: per image, one op chosen
 * uniformly from {@link Op}, one magnitude bin chosen uniformly from 31, and for signed ops a
 * random sign. Nearest interpolation; pixels moved in from outside the image are 0 (torchvision's
 * default {@code fill=None}).
 */
public record TrivialAugmentWide(int fill) implements Augmentation {
    public static final int NUM_MAGNITUDE_BINS = 31;

    public TrivialAugmentWide {
        if (fill < 0 || fill > 255) {
            throw new IllegalArgumentException("fill must be 0..255, got " + fill);
        }
    }

    public TrivialAugmentWide() {
        this(0);
    }

    /** The ops in torchvision's order, with its magnitude bins (float32 values, as torch holds them). */
    public enum Op {
        IDENTITY(null, false),
        SHEAR_X(linspace(0f, 0.99f, NUM_MAGNITUDE_BINS), true),
        SHEAR_Y(linspace(0f, 0.99f, NUM_MAGNITUDE_BINS), true),
        TRANSLATE_X(linspace(0f, 32f, NUM_MAGNITUDE_BINS), true),
        TRANSLATE_Y(linspace(0f, 32f, NUM_MAGNITUDE_BINS), true),
        ROTATE(linspace(0f, 135f, NUM_MAGNITUDE_BINS), true),
        BRIGHTNESS(linspace(0f, 0.99f, NUM_MAGNITUDE_BINS), true),
        COLOR(linspace(0f, 0.99f, NUM_MAGNITUDE_BINS), true),
        CONTRAST(linspace(0f, 0.99f, NUM_MAGNITUDE_BINS), true),
        SHARPNESS(linspace(0f, 0.99f, NUM_MAGNITUDE_BINS), true),
        POSTERIZE(posterizeBits(NUM_MAGNITUDE_BINS), false),
        SOLARIZE(linspace(255f, 0f, NUM_MAGNITUDE_BINS), false),
        AUTO_CONTRAST(null, false),
        EQUALIZE(null, false);

        /** All ops; a field here, not in the outer class, so class initialisation has no cycle. */
        static final List<Op> ALL = List.of(values());

        private final float[] bins;
        private final boolean signed;

        Op(float[] bins, boolean signed) {
            this.bins = bins;
            this.signed = signed;
        }

        /** Magnitude bins, empty for ops without a magnitude. */
        public double[] bins() {
            double[] out = new double[bins == null ? 0 : bins.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = bins[i];
            }
            return out;
        }

        public boolean hasMagnitude() {
            return bins != null;
        }

        /** Whether the magnitude gets a random sign. */
        public boolean signed() {
            return signed;
        }

        /** Applies this op with the given (already signed) magnitude, as torchvision's {@code _apply_op}. */
        public UInt8Image apply(UInt8Image img, double magnitude, int fill) {
            return switch (this) {
                case IDENTITY -> img;
                case SHEAR_X -> GeometricOps.shearX(img, magnitude, fill);
                case SHEAR_Y -> GeometricOps.shearY(img, magnitude, fill);
                // Python int() truncates towards zero.
                case TRANSLATE_X -> GeometricOps.translate(img, (int) magnitude, 0, fill);
                case TRANSLATE_Y -> GeometricOps.translate(img, 0, (int) magnitude, fill);
                case ROTATE -> GeometricOps.rotate(img, magnitude, fill);
                case BRIGHTNESS -> ColorOps.brightness(img, 1.0 + magnitude);
                case COLOR -> ColorOps.saturation(img, 1.0 + magnitude);
                case CONTRAST -> ColorOps.contrast(img, 1.0 + magnitude);
                case SHARPNESS -> ColorOps.sharpness(img, 1.0 + magnitude);
                case POSTERIZE -> ColorOps.posterize(img, (int) magnitude);
                case SOLARIZE -> ColorOps.solarize(img, magnitude);
                case AUTO_CONTRAST -> ColorOps.autocontrast(img);
                case EQUALIZE -> ColorOps.equalize(img);
            };
        }
    }

    /** One draw: the op and its signed magnitude (0 for ops without one). */
    public record Choice(Op op, int bin, double magnitude) {
    }

    /** Draws op, bin and sign in torchvision's order (op, then bin, then sign). */
    public static Choice sample(RandomGenerator random) {
        Op op = Op.ALL.get(random.nextInt(Op.ALL.size()));
        if (!op.hasMagnitude()) {
            return new Choice(op, -1, 0.0);
        }
        int bin = random.nextInt(op.bins.length);
        double magnitude = op.bins[bin];
        if (op.signed && random.nextBoolean()) {
            magnitude = -magnitude;
        }
        return new Choice(op, bin, magnitude);
    }

    @Override
    public UInt8Image apply(UInt8Image image, RandomGenerator random) {
        Choice choice = sample(random);
        return choice.op().apply(image, choice.magnitude(), fill);
    }

    /**
     * torch.linspace in float32, reproducing torch 1.13's CPU kernel bit for bit (checked against
     * torch's own bins in the fixture test): elements are counted forward from {@code start} in the
     * first half and back from {@code end} in the second; whole blocks of 16 go through the 8-lane
     * vector path ({@code base + k * step}, unfused), the tail through the scalar path, which the
     * compiler fuses into a multiply-add. Plain {@code start + i * step} would be 1 ulp off for 2 of
     * the 31 bins of 0..0.99.
     */
    static float[] linspace(float start, float end, int steps) {
        float step = (end - start) / (steps - 1);
        int halfway = steps / 2;
        float[] out = new float[steps];
        int idx = 0;
        for (; idx + 16 <= steps; idx += 16) {
            for (int v = idx; v < idx + 16; v += 8) {
                float base = v < halfway
                        ? Math.fma(step, (float) v, start)
                        : Math.fma(-step, (float) (steps - v - 1), end);
                for (int k = 0; k < 8; k++) {
                    out[v + k] = base + k * step;
                }
            }
        }
        for (; idx < steps; idx++) {
            out[idx] = idx < halfway
                    ? Math.fma(step, (float) idx, start)
                    : Math.fma(-step, (float) (steps - idx - 1), end);
        }
        return out;
    }

    /** 8 - round(i / ((bins - 1) / 6)): bits from 8 down to 2, evaluated in float32 like torch. */
    private static float[] posterizeBits(int bins) {
        float[] out = new float[bins];
        float divisor = (float) ((bins - 1) / 6.0);
        for (int i = 0; i < bins; i++) {
            out[i] = 8 - (int) Math.rint(i / divisor);
        }
        return out;
    }
}
