package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.nn.Batches;
import io.convprobe.nn.ProbeLayer;
import io.convprobe.nn.ProbeNetwork;
import java.util.List;

/**
 * The sweep's standalone throughput timing of one network (all its layers, from the images) on
 * {@code timingBatches} train batches after an untimed warm-up batch through the layers not cached
 * — slice, forward, flatten per batch, {@code System.nanoTime()} around the loop. The timed batches
 * are the feature pass's first train batches computed the same way, so they are kept rather than
 * computed twice: each planned level's output goes to its cache, and the flattened output to
 * {@code timed}. Keeping is a reference handed over, not a copy; it is inside the clock, as it is
 * in the feature pass.
 */
final class SweepTiming {
    private SweepTiming() {}

    /** Images/s; the flattened outputs of the timed batches are added to {@code timed} (in {@code work}). */
    static double time(SweepPath paths, ProbeImages images, int batchSize, int timingBatches, List<SweepPath.Level> path, int start,
            boolean[] cache, List<NDArray> timed, NDManager work) {
        List<ProbeLayer> ops = path.stream().map(l -> l.op).toList();
        long n = images.trainSize();
        long batches = Math.min(timingBatches, (n + batchSize - 1) / batchSize);
        // Warm-up (untimed): the layers new to the path meet their shapes for the first time; the
        // cached ones ran moments ago, so they start from the deepest cached level's first batch.
        try (NDManager w = work.newSubManager()) {
            NDArray x = start == 0 ? Batches.chainSlice(images.train(), 0, Math.min(batchSize, n), w)
                    : path.get(start - 1).outputs.get(0);
            NDArray out = ProbeNetwork.applyRange(ops, start, ops.size(), x);
            if (out != x) {
                out.close();
            }
        }
        long done = 0;
        long t0 = System.nanoTime();
        for (long b = 0; b < batches; b++) {
            try (NDManager w = work.newSubManager()) {
                long from = b * batchSize;
                long to = Math.min(n, from + batchSize);
                NDArray x = Batches.chainSlice(images.train(), from, to, w);
                NDArray cur = paths.forward(path, 0, x, start, cache, w);
                NDArray flat = cur.reshape(cur.getShape().get(0), -1);
                flat.attach(work);
                timed.add(flat);
                done += to - from;
            }
        }
        return done / ((System.nanoTime() - t0) / 1e9);
    }
}
