package io.convprobe.train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training output: a progress bar per epoch on stderr (redrawn in place on a terminal, at most
 * ten times a second), one line per finished epoch on stdout.
 */
public final class TrainProgress implements Training.Listener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
    private long lastDraw;

    public TrainProgress(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void start(String message) {
        out.println(message);
        out.flush();
    }

    @Override
    public void batch(int epoch, int epochs, int done, int batches, double loss, double accuracy, double ips) {
        long now = System.nanoTime();
        if (!terminal || (done < batches && now - lastDraw < 100_000_000L)) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int filled = (int) ((long) width * done / batches);
        err.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d  loss %.4f  acc %.2f%%  %,.0f img/s ", epoch, epochs,
                "#".repeat(filled), ".".repeat(width - filled), done, batches, loss, 100 * accuracy, ips);
        err.flush();
    }

    @Override
    public void epochEnd(EpochMetrics m, int epochs, boolean best) {
        if (terminal) {
            err.print("\r\033[K");
            err.flush();
        }
        out.println(line(m, epochs, best));
        out.flush();
    }

    public static String line(EpochMetrics m, int epochs, boolean best) {
        long s = Math.round(m.elapsedSeconds());
        return String.format(Locale.ROOT,
                "epoch %3d/%d  train loss %.4f acc %6.2f%%  val loss %.4f acc %6.2f%%  lr %.3g  %,7.0f img/s  %d:%02d:%02d%s",
                m.epoch(), epochs, m.trainLoss(), 100 * m.trainAccuracy(), m.valLoss(), 100 * m.valAccuracy(), m.lr(),
                m.imagesPerSecond(), s / 3600, s / 60 % 60, s % 60, best ? "  *best" : "");
    }
}
