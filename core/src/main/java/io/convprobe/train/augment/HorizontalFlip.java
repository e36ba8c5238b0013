package io.convprobe.train.augment;

import java.util.random.RandomGenerator;

/** torchvision {@code RandomHorizontalFlip(p)}: mirrors the image with probability {@code p}. */
public record HorizontalFlip(double p) implements Augmentation {
    public HorizontalFlip {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + p);
        }
    }

    @Override
    public UInt8Image apply(UInt8Image image, RandomGenerator random) {
        return random.nextDouble() < p ? GeometricOps.hflip(image) : image;
    }
}
