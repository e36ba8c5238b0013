package io.convprobe.memory;

import java.util.Locale;

/** The line a command ends with: its peak resident memory against its budget, and what keeping it cost. */
public final class MemoryReport {
    private MemoryReport() {}

    /**
     * E.g. {@code peak resident memory 1,190 MB of the 1,280 MB budget (auto); 14 trims of freed
     * memory (0.3 s)}, with a hint when the peak went over because a network alone needed more.
     */
    public static String line(MemoryBudget budget, long peakBytes) {
        if (peakBytes <= 0) {
            return "peak resident memory: not known on this system";
        }
        if (budget.resolve() == Long.MAX_VALUE) {
            return String.format(Locale.ROOT, "peak resident memory %s (no --max-memory budget)", MemorySize.mb(peakBytes));
        }
        MemoryGovernor.Stats s = MemoryGovernor.of(budget).stats();
        String text = String.format(Locale.ROOT, "peak resident memory %s of the %s budget (--max-memory %s)",
                MemorySize.mb(peakBytes), MemorySize.mb(s.budget()), budget.isAuto() ? "auto" : MemorySize.mb(s.budget()));
        if (s.trims() > 0) {
            text += String.format(Locale.ROOT, "; %,d trims of freed memory (%.1f s)", s.trims(), s.trimSeconds());
        }
        if (peakBytes > s.budget()) {
            text += s.worstOver() > 0
                    ? String.format(Locale.ROOT, "; the largest networks alone needed about %s more: give --max-memory %s "
                            + "or more", MemorySize.mb(s.worstOver()), suggest(s.budget() + s.worstOver()))
                    : "; over the budget between two checks (a network's peak): give a little more";
        }
        return text;
    }

    /** A round size at or above {@code bytes}: the next 256 MB step, as {@code 1.5g} or {@code 768m}. */
    public static String suggest(long bytes) {
        long step = 256L << 20;
        long up = (bytes + step - 1) / step * step;
        return up % (1L << 30) == 0 ? (up >> 30) + "g"
                : up > (1L << 30) ? String.format(Locale.ROOT, "%.2fg", up / (double) (1L << 30)).replaceAll("0+g$", "g")
                : (up >> 20) + "m";
    }
}
