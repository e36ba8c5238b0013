package io.convprobe.memory;

import io.convprobe.UserException;
import java.util.Locale;

/** Sizes as users type them ({@code 512m}, {@code 1.5g}, {@code 300000000}) and as we print them. */
public final class MemorySize {
    private MemorySize() {}

    /** Bytes of {@code size}: a number with an optional k, m or g (binary: 1g = 2³⁰ bytes); {@code option} names it in errors. */
    public static long parse(String size, String option) {
        String t = size.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            mult = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t) * mult;
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return (long) v;
        } catch (NumberFormatException e) {
            throw new UserException(option + " '" + size + "': expected a size such as 512m or 1.5g");
        }
    }

    /** {@code 1,234 MB} (2²⁰ bytes), the unit every memory line of ours uses. */
    public static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }
}
