package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Images;
import io.convprobe.data.Split;

/**
 * The probe's images: the first {@code trainSize} train and first {@code testSize} test images as
 * float x/255 (N×C×H×W NDArrays) with their labels, loaded once and kept for a prober's lifetime.
 *
 * @param numClasses the dataset's class count (labels are in [0, numClasses))
 */
public record ProbeImages(Shape shape, NDArray train, int[] trainLabels, NDArray test, int[] testLabels,
        int numClasses) implements AutoCloseable {

    /** Reads the images into arrays owned by {@code manager}. */
    /**
     * The images {@code settings} asks for, in {@code manager}; if loading fails the manager is
     * closed (a prober that owns it never got built, so nobody else would close it).
     */
    static ProbeImages loadOwned(Dataset ds, ProbeSettings settings, NDManager manager) {
        try {
            return load(ds, settings.trainSize(), settings.testSize(), manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public static ProbeImages load(Dataset ds, int trainSize, int testSize, NDManager manager) {
        ImageBatch tr = read(ds, Split.TRAIN, trainSize);
        ImageBatch te = read(ds, Split.TEST, testSize);
        return new ProbeImages(ds.imageShape(), toArray(tr, manager), tr.labels(), toArray(te, manager), te.labels(),
                ds.classes().size());
    }

    private static ImageBatch read(Dataset ds, Split split, int n) {
        int have = ds.size(split);
        if (have < n) {
            throw new UserException("dataset '" + ds.name() + "' has " + have + " " + split.key() + " images, the probe needs "
                    + n + " (lower --" + split.key() + "-size)");
        }
        return ds.read(split, 0, n);
    }

    /**
     * x/255 in float32, converted on the JVM ({@link Images#toFloatBuffer}): IEEE division, as numpy's
     * {@code x.astype(float32) / 255.}; PyTorch may multiply by the reciprocal instead, which can
     * differ in the last bit.
     */
    static NDArray toArray(ImageBatch batch, NDManager manager) {
        return manager.create(Images.toFloatBuffer(batch), new ai.djl.ndarray.types.Shape(batch.shape().withBatch(batch.count())),
                ai.djl.ndarray.types.DataType.FLOAT32);
    }

    public int trainSize() {
        return trainLabels.length;
    }

    public int testSize() {
        return testLabels.length;
    }

    @Override
    public void close() {
        train.close();
        test.close();
    }
}
