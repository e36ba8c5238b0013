package io.convprobe.space;

import io.convprobe.UserException;

/** Allowed compression ratios (output elements / input elements), inclusive. Default [0, 1]. */
public record RatioRange(double min, double max) {
    public static final RatioRange DEFAULT = new RatioRange(0, 1);

    public RatioRange {
        if (!(min >= 0) || !(max >= min)) {
            throw new UserException("ratio range must be 0 <= min <= max, got " + min + "," + max);
        }
    }

    public boolean contains(double r) {
        return r >= min && r <= max;
    }

    /** Parses {@code 0,1} (also {@code 0:1}). */
    public static RatioRange parse(String text) {
        String[] p = text.split("[,:]");
        try {
            if (p.length == 2) {
                return new RatioRange(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UserException("--ratio '" + text + "': expected MIN,MAX such as 0,1");
    }

    @Override
    public String toString() {
        return min + "," + max;
    }
}
