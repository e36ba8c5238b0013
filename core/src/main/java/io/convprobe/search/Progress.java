package io.convprobe.search;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Search progress on stderr. On a terminal: one self-overwriting line (a bar, done/total, rate,
 * ETA, full/cut counts), redrawn at most 4 times a second. Otherwise (a log file, CI): a plain
 * line every {@code interval}, so logs stay short, e.g.
 * {@code search: 120/320 archs (37.5%), 1.92 arch/s, ETA 1m44s; full 40, cut 80, failed 0}.
 * Rates and ETA count architectures finished in this session (a resumed run starts fresh).
 */
public final class Progress {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int BAR = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier clock;

    private long total;
    private long done;
    private long full;
    private long cut;
    private long failed;
    private long startNanos;
    private long lastPrintNanos;
    private boolean drawn;
    private String phase;

    public Progress(PrintStream out, boolean terminal, long intervalNanos, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /** Progress on stderr: a bar on a terminal, a line every 10 s otherwise. */
    public static Progress stderr() {
        return new Progress(System.err, System.console() != null, 10_000_000_000L, System::nanoTime);
    }

    /** Starts counting {@code total} architectures that need work in this session. */
    public void start(long total) {
        start(total, null);
    }

    /**
     * Starts a phase of {@code total} architectures, e.g. {@code "trial 1/4"} (null: no label). Counts
     * and rates restart with each phase.
     */
    public void start(long total, String phase) {
        this.phase = phase;
        this.done = 0;
        this.full = 0;
        this.cut = 0;
        this.failed = 0;
        this.drawn = false;
        this.total = total;
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos;
    }

    /** One architecture finished (for this session) with {@code status}. */
    public void archFinished(ArchStatus status) {
        done++;
        switch (status) {
            case FULL -> full++;
            case CUT -> cut++;
            case FAILED -> failed++;
            default -> { }
        }
        long now = clock.getAsLong();
        if (now - lastPrintNanos >= (terminal ? REDRAW_NANOS : intervalNanos) || (terminal && done == total)) {
            lastPrintNanos = now;
            print(now);
        }
    }

    /** Ends the terminal line (if drawn) so later output starts on a fresh line. */
    public void finish() {
        if (terminal && drawn) {
            print(clock.getAsLong());
            out.println();
            out.flush();
        }
    }

    private void print(long now) {
        String line = line(now);
        if (terminal) {
            out.print("\r" + line + "\033[K");
            drawn = true;
        } else {
            out.println("search: " + line);
        }
        out.flush();
    }

    /** The status text (without the terminal bar's carriage return). */
    String line(long now) {
        double secs = (now - startNanos) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        String eta = rate > 0 ? duration((total - done) / rate) : "--";
        double pct = total == 0 ? 100 : 100.0 * done / total;
        String counts = (phase == null ? "" : phase + ": ") + String.format(Locale.ROOT, "%,d/%,d archs (%.1f%%), %.2f arch/s, ETA %s; full %,d, cut %,d, failed %,d",
                done, total, pct, rate, eta, full, cut, failed);
        if (!terminal) {
            return counts;
        }
        int filled = total == 0 ? BAR : (int) (BAR * done / total);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "] " + counts;
    }

    /** {@code 45s}, {@code 3m07s}, {@code 2h13m}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
