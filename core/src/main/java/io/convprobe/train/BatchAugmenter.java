package io.convprobe.train;

import io.convprobe.data.ImageBatch;
import io.convprobe.train.augment.Augmentation;
import io.convprobe.train.augment.Augmentations;
import java.util.Locale;

/**
 * The per-batch augmentation hook: uint8 images in, uint8 images out, per sample, reproducible from
 * {@code seed}. It runs on the loader's background thread, never on the training thread.
 */
@FunctionalInterface
public interface BatchAugmenter {
    BatchAugmenter NONE = (batch, seed) -> batch;

    ImageBatch apply(ImageBatch batch, long seed);

    /** {@code --augment} text ({@code none}, {@code trivialwide+crop-flip}, ...) as a hook. */
    static BatchAugmenter parse(String spec) {
        Augmentation a = Augmentations.parse(spec);
        if (spec.trim().toLowerCase(Locale.ROOT).equals("none")) {
            return NONE;
        }
        return (batch, seed) -> Augmentations.augmentBatch(batch, a, seed);
    }
}
