package io.convprobe.data;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random uint8 images with random labels over 10 classes ({@code random:3x96x96}, or
 * {@code random:3x96x96:N} for N images per split, default 1,000): for timing, where the pixels do
 * not matter, as the reference's own speed runs use. Image {@code i} of a split is a pure function
 * of (split, i), so any range reads the same pixels.
 */
public final class RandomImages implements Dataset {
    public static final String PREFIX = "random:";
    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private final String name;
    private final Shape shape;
    private final int perSplit;

    public RandomImages(Shape shape, int perSplit) {
        if (!shape.isImage() || perSplit < 1) {
            throw new UserException("random images need a CxHxW shape and at least 1 image, got " + shape + ", " + perSplit);
        }
        this.name = PREFIX + shape + (perSplit == 1000 ? "" : ":" + perSplit);
        this.shape = shape;
        this.perSplit = perSplit;
    }

    /** Parses {@code random:CxHxW[:N]}. */
    public static RandomImages parse(String name) {
        String[] p = name.substring(PREFIX.length()).split(":");
        try {
            return new RandomImages(Shape.parse(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 1000);
        } catch (NumberFormatException e) {
            throw new UserException("dataset " + name + ": expected random:CxHxW or random:CxHxW:N");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape imageShape() {
        return shape;
    }

    @Override
    public List<String> classes() {
        return CLASSES;
    }

    @Override
    public int size(Split split) {
        return split == Split.UNLABELED ? 0 : perSplit;
    }

    @Override
    public ImageBatch read(Split split, int from, int to) {
        Ranges.check(this, split, from, to);
        int per = Math.toIntExact(shape.elements());
        byte[] px = new byte[(to - from) * per];
        int[] labels = new int[to - from];
        for (int i = from; i < to; i++) {
            SplittableRandom rng = new SplittableRandom(split.ordinal() * 0x9E3779B97F4A7C15L + i);
            labels[i - from] = rng.nextInt(CLASSES.size());
            int off = (i - from) * per;
            for (int j = 0; j < per; j += 8) {
                long bits = rng.nextLong();
                for (int b = 0; b < 8 && j + b < per; b++) {
                    px[off + j + b] = (byte) (bits >>> (8 * b));
                }
            }
        }
        return new ImageBatch(shape, px, labels);
    }
}
