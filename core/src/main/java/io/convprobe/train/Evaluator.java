package io.convprobe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.convprobe.data.ImageBatch;
import java.nio.FloatBuffer;

/** Forward passes in inference mode (batch norm running statistics, no dropout) over a whole split. */
public final class Evaluator {
    private Evaluator() {}

    public static Evaluation evaluate(Block net, ImageBatch split, int classes, int batchSize, NDManager manager) {
        ParameterStore ps = new ParameterStore(manager, false);
        long[][] confusion = new long[classes][classes];
        double lossSum = 0;
        int per = Math.toIntExact(split.shape().elements());
        for (int from = 0; from < split.count(); from += batchSize) {
            int n = Math.min(batchSize, split.count() - from);
            float[] x = new float[n * per];
            byte[] px = split.pixels();
            int off = from * per;
            for (int i = 0; i < x.length; i++) {
                x[i] = (px[off + i] & 0xFF) / 255f;
            }
            long[] y = new long[n];
            for (int i = 0; i < n; i++) {
                y[i] = split.labels()[from + i];
            }
            try (NDManager bm = manager.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray input = bm.create(FloatBuffer.wrap(x), new ai.djl.ndarray.types.Shape(split.shape().withBatch(n)));
                NDArray labels = bm.create(y);
                NDArray logits = net.forward(ps, new NDList(input), false).singletonOrThrow();
                lossSum += Loss.perExample(logits, labels).sum().getFloat();
                long[] pred = logits.argMax(1).toLongArray();
                for (int i = 0; i < n; i++) {
                    confusion[(int) y[i]][(int) pred[i]]++;
                }
            }
        }
        return new Evaluation(split.count() == 0 ? Double.NaN : lossSum / split.count(), confusion);
    }

    /**
     * The logits of images {@code [0, n)} of {@code split}, row-major n x classes, from the same
     * inference-mode forward pass as {@link #evaluate} (what an export is checked against).
     */
    public static float[] logits(Block net, ImageBatch split, int n, NDManager manager) {
        ParameterStore ps = new ParameterStore(manager, false);
        int per = Math.toIntExact(split.shape().elements());
        float[] x = new float[n * per];
        byte[] px = split.pixels();
        for (int i = 0; i < x.length; i++) {
            x[i] = (px[i] & 0xFF) / 255f;
        }
        try (NDManager bm = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray input = bm.create(FloatBuffer.wrap(x), new ai.djl.ndarray.types.Shape(split.shape().withBatch(n)));
            return net.forward(ps, new NDList(input), false).singletonOrThrow().toFloatArray();
        }
    }
}
