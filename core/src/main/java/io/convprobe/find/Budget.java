package io.convprobe.find;

import io.convprobe.UserException;
import java.util.Locale;

/**
 * {@code --budget}: a number of cost units (epochs; networks for a table) or a percentage of what
 * the whole screen would cost (every network trained fully: networks × R).
 */
public record Budget(double value, boolean percent) {
    public static Budget parse(String text) {
        String t = text == null ? "" : text.trim();
        boolean pct = t.endsWith("%");
        double v;
        try {
            v = Double.parseDouble(pct ? t.substring(0, t.length() - 1).trim() : t);
        } catch (NumberFormatException e) {
            throw new UserException("--budget " + text + ": not a number of epochs (e.g. 60) or a percentage (e.g. 25%)");
        }
        if (!(v > 0) || Double.isInfinite(v) || (pct && v > 100)) {
            throw new UserException("--budget " + text + ": must be positive" + (pct ? " and at most 100%" : ""));
        }
        return new Budget(v, pct);
    }

    /** In cost units, for a screen whose full training would cost {@code whole}. */
    public double units(double whole) {
        return percent ? whole * value / 100 : value;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    @Override
    public String toString() {
        return fmt(value) + (percent ? "%" : "");
    }
}
