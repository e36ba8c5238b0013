package io.convprobe.train;

import io.convprobe.arch.Shape;
import io.convprobe.data.ImageBatch;
import io.convprobe.stats.Shuffle;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One epoch of training batches from an in-memory uint8 split: a seeded shuffle, then per batch
 * gather → augment (uint8) → float x/255 (then the run's mean/std, if any). The next batch is prepared on a background thread while
 * the current one trains, so augmentation and conversion stay off the training thread.
 *
 * <p>Like PyTorch's {@code DataLoader(shuffle=True, drop_last=False)} the last batch may be short,
 * except that a final batch of a single image is dropped (batch norm cannot train on one value).
 */
public final class BatchLoader implements Iterator<BatchLoader.Batch> {
    /** A ready batch: float NCHW pixels (x/255, normalised when the run says so) and labels. */
    public record Batch(float[] pixels, long[] labels, Shape imageShape) {
        public int size() {
            return labels.length;
        }
    }

    private final ImageBatch all;
    private final int[] order;
    private final int batchSize;
    private final int limit;
    private final BatchAugmenter augmenter;
    private final long augmentSeed;
    private final ExecutorService executor;
    private final Normalization normalization;
    private int next;
    private int index;
    private Future<Batch> pending;

    /**
     * @param limit images to serve this epoch (≤ the split size; a {@code --max-inputs} budget may cut
     *     the last epoch short)
     * @param shuffleSeed seeds the permutation; {@code augmentSeed} seeds per-batch augmentation
     */
    public BatchLoader(ImageBatch all, int batchSize, int limit, long shuffleSeed, BatchAugmenter augmenter,
            long augmentSeed, ExecutorService executor) {
        this(all, batchSize, limit, shuffleSeed, augmenter, augmentSeed, executor, Normalization.NONE);
    }

    /** As above, with the images normalised by {@code normalization} after x/255. */
    public BatchLoader(ImageBatch all, int batchSize, int limit, long shuffleSeed, BatchAugmenter augmenter,
            long augmentSeed, ExecutorService executor, Normalization normalization) {
        this.normalization = normalization;
        this.all = all;
        this.order = permutation(all.count(), shuffleSeed);
        this.batchSize = batchSize;
        this.limit = Math.min(limit, all.count());
        this.augmenter = augmenter;
        this.augmentSeed = augmentSeed;
        this.executor = executor;
        schedule();
    }

    /** Fisher–Yates with a seeded generator: the same seed gives the same order everywhere. */
    static int[] permutation(int n, long seed) {
        return Shuffle.permutation(n, seed);
    }

    private void schedule() {
        int from = next;
        int to = Math.min(limit, from + batchSize);
        if (to - from < 1 || (to - from == 1 && from > 0)) {
            pending = null;
            return;
        }
        int batchIndex = index++;
        next = to;
        pending = executor.submit(() -> prepare(from, to, batchIndex));
    }

    private Batch prepare(int from, int to, int batchIndex) {
        Shape s = all.shape();
        int per = Math.toIntExact(s.elements());
        int n = to - from;
        byte[] px = new byte[n * per];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int src = order[from + i];
            System.arraycopy(all.pixels(), src * per, px, i * per, per);
            labels[i] = all.labels()[src];
        }
        ImageBatch b = augmenter.apply(new ImageBatch(s, px, labels), augmentSeed * 1_000_003L + batchIndex);
        float[] f = normalization.toFloat(b.pixels(), 0, n, b.shape());
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = b.labels()[i];
        }
        return new Batch(f, y, b.shape());
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    @Override
    public Batch next() {
        if (pending == null) {
            throw new NoSuchElementException();
        }
        Batch b;
        try {
            b = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("loading a batch failed", e.getCause());
        }
        schedule();
        return b;
    }

    /** Batches this epoch will serve. */
    public static int batches(int images, int batchSize) {
        int n = (images + batchSize - 1) / batchSize;
        if (n > 1 && images % batchSize == 1) {
            n--;
        }
        return n;
    }
}
