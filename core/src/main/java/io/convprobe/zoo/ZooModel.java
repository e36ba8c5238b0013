package io.convprobe.zoo;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import java.util.function.BiFunction;

/**
 * A named architecture that adapts to the input: {@link #spec} builds the full network (with its
 * classifier head) for a given image shape and class count.
 */
public record ZooModel(String name, String family, String description, BiFunction<Shape, Integer, ArchSpec> builder) {
    public ArchSpec spec(Shape input, int classes) {
        return builder.apply(input, classes);
    }
}
