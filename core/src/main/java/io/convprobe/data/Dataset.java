package io.convprobe.data;

import io.convprobe.arch.Shape;
import java.util.List;

/**
 * Labelled images, read lazily: {@link #read} loads only the asked-for range, so the large sets
 * never sit whole in memory unless a caller asks for all of them. Pixels stay uint8; float
 * conversion (x/255) and normalisation happen downstream.
 */
public interface Dataset extends AutoCloseable {
    /** The name it was resolved from, e.g. {@code fashion-mnist-mini} or {@code folder:/data/pets}. */
    String name();

    /** One image's shape, C x H x W. */
    Shape imageShape();

    /** Class names; label {@code i} is {@code classes().get(i)}. */
    List<String> classes();

    /** Number of images in a split (0 when the dataset lacks it). */
    int size(Split split);

    /** Images {@code [from, to)} of a split. */
    ImageBatch read(Split split, int from, int to);

    /**
     * All labels of a split, in order (-1 where the split has none). The default reads the split in
     * chunks; readers that can get labels without the pixels override it.
     */
    default int[] labels(Split split) {
        int n = size(split);
        int[] out = new int[n];
        int chunk = 1024;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            System.arraycopy(read(split, from, to).labels(), 0, out, from, to - from);
        }
        return out;
    }

    @Override
    default void close() {}
}
