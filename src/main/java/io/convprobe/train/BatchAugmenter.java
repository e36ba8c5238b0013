package io.convprobe.train;

import io.convprobe.data.ImageBatch;

/**
 * The per-batch augmentation hook: uint8 images in, uint8 images out, per sample, reproducible from
 * {@code seed}. It runs on the loader's background thread, never on the training thread.
 */
@FunctionalInterface
public interface BatchAugmenter {
    BatchAugmenter NONE = (batch, seed) -> batch;

    ImageBatch apply(ImageBatch batch, long seed);
}
