package io.convprobe.train.augment;

import java.util.random.RandomGenerator;

/**
 * A random transform of one image. Implementations hold only immutable configuration; all
 * randomness comes from the caller's generator, so one instance can serve several threads as long
 * as each thread passes its own generator.
 */
@FunctionalInterface
public interface Augmentation {
    UInt8Image apply(UInt8Image image, RandomGenerator random);
}
