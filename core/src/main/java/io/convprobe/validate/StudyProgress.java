package io.convprobe.validate;

import io.convprobe.search.Progress;
import io.convprobe.train.EpochMetrics;
import io.convprobe.train.TrainProgress;
import io.convprobe.train.Training;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A validate study's progress: each training's epoch lines (as {@code convprobe train} prints them)
 * with the whole study's share done and its ETA, from the training images still to go at the rate
 * measured in this session (finished trainings from earlier sessions count as done, not in the rate).
 */
final class StudyProgress implements Training.Listener {
    private final TrainProgress train;
    private final PrintWriter out;
    private final long totalImages;
    private long doneImages;
    private long sessionImages;
    private long currentBase;
    private long currentEpochImages;
    private final long started = System.nanoTime();

    StudyProgress(PrintWriter out, PrintWriter err, long totalImages) {
        this.train = new TrainProgress(out, err);
        this.out = out;
        this.totalImages = Math.max(1, totalImages);
    }

    /** A training that needs no work (finished earlier) or is about to start with {@code images} to go. */
    void finishedEarlier(long images) {
        doneImages += images;
    }

    /** Called before each training: how many images it trains in all (its epochs × images per epoch). */
    void begin(long epochImages) {
        currentBase = doneImages;
        currentEpochImages = epochImages;
    }

    void end(long images) {
        doneImages = currentBase + images;
    }

    @Override
    public void start(String message) {
        train.start(message);
    }

    @Override
    public void batch(int epoch, int epochs, int done, int batches, double loss, double accuracy, double ips) {
        train.batch(epoch, epochs, done, batches, loss, accuracy, ips);
    }

    @Override
    public void epochEnd(EpochMetrics m, int epochs, boolean best) {
        train.epochEnd(m, epochs, best);
        // every epoch that ends here was trained in this session: one epoch's images for the rate
        doneImages = currentBase + (long) m.epoch() * currentEpochImages;
        sessionImages += currentEpochImages;
        out.println(line());
        out.flush();
    }

    String line() {
        double secs = (System.nanoTime() - started) / 1e9;
        double rate = sessionImages / Math.max(secs, 1e-9);
        double left = Math.max(0, totalImages - doneImages);
        return String.format(Locale.ROOT, "          study %5.1f %% of %,d training images, ETA %s", 100.0 * doneImages
                / totalImages, totalImages, rate > 0 ? Progress.duration(left / rate) : "?");
    }
}
