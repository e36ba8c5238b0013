package io.convprobe.data;

import io.convprobe.arch.Shape;
import java.util.List;

/** A dataset that has a name, an image shape and sizes but no images: for fake probers that read nothing. */
public record ShapeOnlyDataset(String name, Shape imageShape, int size) implements Dataset {
    @Override
    public List<String> classes() {
        return List.of("a", "b");
    }

    @Override
    public int size(Split split) {
        return split == Split.UNLABELED ? 0 : size;
    }

    @Override
    public ImageBatch read(Split split, int from, int to) {
        throw new UnsupportedOperationException("the fake prober reads nothing");
    }
}
