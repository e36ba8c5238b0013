package io.convprobe.train.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/** Applies its steps in order, all drawing from the same generator; no steps = identity. */
public record Compose(List<Augmentation> steps) implements Augmentation {
    public Compose {
        steps = List.copyOf(steps);
    }

    @Override
    public UInt8Image apply(UInt8Image image, RandomGenerator random) {
        UInt8Image out = image;
        for (Augmentation step : steps) {
            out = step.apply(out, random);
        }
        return out;
    }
}
