package io.convprobe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Split;
import java.nio.FloatBuffer;

/** Forward passes in inference mode (batch norm running statistics, no dropout) over a whole split. */
public final class Evaluator {
    private Evaluator() {}

    /**
     * A checkpoint's network (chain or cell network) on a split of {@code dataset}, with the
     * checkpoint's input normalisation; refuses a dataset of another image shape or class count.
     * {@code where} names the checkpoint in messages.
     */
    public static Evaluation evaluate(Checkpoint ckpt, String where, Dataset dataset, Split split, int batchSize) {
        if (batchSize < 1) {
            throw new UserException("--batch-size must be at least 1, got " + batchSize);
        }
        CheckpointInfo info = ckpt.info();
        Shape in = Shape.parse(info.inputShape());
        if (!dataset.imageShape().equals(in)) {
            throw new UserException(where + " was trained on " + in + " images; dataset " + dataset.name() + " has "
                    + dataset.imageShape());
        }
        int classes = dataset.classes().size();
        if (classes != info.classes().size()) {
            throw new UserException(where + " was trained on " + info.classes().size() + " classes; dataset "
                    + dataset.name() + " has " + classes);
        }
        int n = dataset.size(split);
        if (n == 0) {
            throw new UserException("dataset " + dataset.name() + " has no " + split.key() + " images");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = Models.of(info).create(manager, 0, 0);
            ckpt.loadParameters(net, manager);
            ImageBatch images = dataset.read(split, 0, n);
            for (int y : images.labels()) {
                if (y < 0 || y >= classes) {
                    throw new UserException("dataset " + dataset.name() + " " + split.key() + " split has label " + y);
                }
            }
            return evaluate(net, images, classes, batchSize, manager, info.config().normalization());
        }
    }

    public static Evaluation evaluate(Block net, ImageBatch split, int classes, int batchSize, NDManager manager) {
        return evaluate(net, split, classes, batchSize, manager, Normalization.NONE);
    }

    /** As above, on images normalised by {@code norm} after x/255 (as the run trained). */
    public static Evaluation evaluate(Block net, ImageBatch split, int classes, int batchSize, NDManager manager,
            Normalization norm) {
        ParameterStore ps = new ParameterStore(manager, false);
        long[][] confusion = new long[classes][classes];
        double lossSum = 0;
        for (int from = 0; from < split.count(); from += batchSize) {
            int n = Math.min(batchSize, split.count() - from);
            float[] x = norm.toFloat(split.pixels(), from, n, split.shape());
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
        return logits(net, split, n, manager, Normalization.NONE);
    }

    /** As above, on images normalised by {@code norm} after x/255. */
    public static float[] logits(Block net, ImageBatch split, int n, NDManager manager, Normalization norm) {
        ParameterStore ps = new ParameterStore(manager, false);
        float[] x = norm.toFloat(split.pixels(), 0, n, split.shape());
        try (NDManager bm = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray input = bm.create(FloatBuffer.wrap(x), new ai.djl.ndarray.types.Shape(split.shape().withBatch(n)));
            return net.forward(ps, new NDList(input), false).singletonOrThrow().toFloatArray();
        }
    }
}
