package io.convprobe.report;

import java.util.Locale;

/** Number formats of the report tables; NaN and infinities print as "–". */
final class Fmt {
    private Fmt() {}

    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f %%", v) : "–";
    }

    /** Grouped integer, e.g. 1,850. */
    static String grouped(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.0f", v) : "–";
    }

    static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
