package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.convprobe.memory.MemoryGovernor;
import io.convprobe.nn.Batches;
import io.convprobe.nn.ProbeNetwork;
import io.convprobe.proxy.HammingKernel;
import java.util.List;

/**
 * The sweep's feature pass for one network: train and test features batch by batch (the probe's
 * batches), each batch from the deepest cached level's output (or the images) through the layers
 * after it, caching the planned levels on the way. Batches already computed (the standalone
 * timing's) are taken as given.
 */
final class SweepFeatures {
    private final SweepPath paths;
    private final ProbeImages images;
    private final int batchSize;
    private final MemoryGovernor governor;
    private long layerBatches;

    SweepFeatures(SweepPath paths, ProbeImages images, int batchSize, MemoryGovernor governor) {
        this.paths = paths;
        this.images = images;
        this.batchSize = batchSize;
        this.governor = governor;
    }

    /**
     * Train and test features (N×d, M×d, in {@code work}) from level {@code start}, caching the
     * planned levels; the first train batches are the {@code done} outputs.
     */
    NDArray[] run(List<SweepPath.Level> path, int start, boolean[] cache, List<NDArray> done, NDManager work) {
        return run(path, start, cache, done, work, null);
    }

    /**
     * As above; with {@code codes}, the pass also takes NASWOT's binary codes of the levels it asks
     * for from the first train batches (the first {@code codes.rows} images).
     */
    NDArray[] run(List<SweepPath.Level> path, int start, boolean[] cache, List<NDArray> done, NDManager work,
            Codes codes) {
        int n = path.size();
        NDArray[] split = {images.train(), images.test()};
        // Each batch's rows go straight into the split's matrix: rows and a concatenation of them were
        // two copies of the features at once (issue 24: 100 MB each for a 25,088-feature network).
        NDArray[] f = new NDArray[2];
        int batch = 0;
        for (int s = 0; s < 2; s++) {
            long count = split[s].getShape().get(0);
            for (long from = 0; from < count; from += batchSize, batch++) {
                if (s == 0 && batch < done.size()) { // computed before (the timing)
                    f[s] = into(f[s], count, from, done.get(batch), work);
                    continue;
                }
                try (NDManager tmp = work.newSubManager()) {
                    NDArray input = start == 0 ? Batches.chainSlice(split[s], from, Math.min(count, from + batchSize), tmp)
                            : path.get(start - 1).outputs.get(batch);
                    boolean coding = codes != null && s == 0 && from < codes.rows;
                    if (coding) {
                        codes.work = work;
                    }
                    NDArray cur = paths.forward(path, start, input, start, cache, tmp, coding ? codes : null);
                    layerBatches += n - start;
                    f[s] = into(f[s], count, from, cur, work);
                }
                governor.check(); // the batch's temporaries are freed: trim them if the process nears its budget
            }
            f[s] = flat(f[s]);
        }
        return f;
    }

    /** {@code all} as count × d rows: a view (its data is contiguous), in the flattened order of an N×C×H×W output. */
    private static NDArray flat(NDArray all) {
        if (all.getShape().dimension() == 2) {
            return all;
        }
        NDArray rows = all.reshape(all.getShape().get(0), -1); // in work, as all is
        all.close(); // the view keeps the data (PyTorch's storage is reference-counted)
        return rows;
    }

    /**
     * Writes the batch {@code rows} at row {@code from} of {@code all}, an array of {@code count} rows
     * shaped like the first batch (in {@code work}, made on the first call; {@link #flat} makes it
     * count × d). The last layer's output goes in as it is, so the one copy into {@code all} is also
     * its flattening: reshaping each channels-last batch to rows first was a copy of its own. Made
     * uninitialised, not zeroed: the batches write every row, and zeroing was one more pass.
     */
    private static NDArray into(NDArray all, long count, long from, NDArray rows, NDManager work) {
        if (all == null) {
            long[] dims = rows.getShape().getShape().clone();
            dims[0] = count;
            all = work.create(new Shape(dims), rows.getDataType());
        }
        Shape row = all.getShape().slice(1);
        NDArray batch = rows.getShape().slice(1).equals(row) ? rows
                : rows.reshape(new Shape(rows.getShape().get(0)).addAll(row)); // the timing's flattened batches
        all.set(new NDIndex("{}:{}", from, from + rows.getShape().get(0)), batch);
        if (batch != rows) {
            batch.close();
        }
        return all;
    }

    /**
     * NASWOT's codes collected during one feature pass: for each level {@code wanted} accepts, the
     * binary codes ({@link HammingKernel#codes}) of its input on each of the first train batches,
     * kept in the pass's {@code work} manager (booleans, not the activations).
     */
    static final class Codes {
        final int rows;
        private final java.util.function.IntPredicate wanted;
        private final java.util.Map<Integer, List<NDArray>> byLevel = new java.util.TreeMap<>();
        private NDManager work;

        Codes(int rows, java.util.function.IntPredicate wanted) {
            this.rows = rows;
            this.wanted = wanted;
        }

        void offer(int level, NDArray input) {
            if (wanted.test(level)) {
                NDArray c = HammingKernel.codes(input);
                c.attach(work);
                byLevel.computeIfAbsent(level, k -> new java.util.ArrayList<>()).add(c);
            }
        }

        /**
         * NASWOT's kernel of the whole network: the contributions of the ReLU levels this pass just
         * coded, kept on their levels, plus the kept ones of the shared prefix; null (NASWOT then
         * runs its own pass) if a ReLU level has none.
         */
        double[] kernel(List<SweepPath.Level> path, int m, NDManager work) {
            contributions(m, work).forEach((i, k) -> path.get(i).naswot = k);
            double[] kernel = new double[m * m];
            for (SweepPath.Level l : path) {
                if (HammingKernel.isRelu(l.layer)) {
                    if (l.naswot == null) {
                        return null;
                    }
                    HammingKernel.add(kernel, l.naswot);
                }
            }
            return kernel;
        }

        /** Each coded level's m×m kernel contribution (consumes the codes). */
        java.util.Map<Integer, double[]> contributions(int m, NDManager scratch) {
            java.util.Map<Integer, double[]> out = new java.util.TreeMap<>();
            byLevel.forEach((level, batches) -> out.put(level, HammingKernel.contribution(batches, m, scratch)));
            byLevel.clear();
            return out;
        }
    }

    /** Layer applications (one layer on one batch) this pass computed, all calls together. */
    long layerBatches() {
        return layerBatches;
    }
}
