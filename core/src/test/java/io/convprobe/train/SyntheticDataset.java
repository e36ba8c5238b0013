package io.convprobe.train;

import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Split;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two separable classes of 1x8x8 images (or Cx8x8, every channel alike): class 0 is brighter on the
 * left half, class 1 on the right, under uniform noise. Deterministic for a seed.
 */
final class SyntheticDataset implements Dataset {
    static final Shape SHAPE = Shape.chw(1, 8, 8);
    private final Shape shape;
    private final ImageBatch train;
    private final ImageBatch test;

    SyntheticDataset(int trainSize, int testSize, long seed) {
        this(trainSize, testSize, seed, 1);
    }

    SyntheticDataset(int trainSize, int testSize, long seed, int channels) {
        shape = Shape.chw(channels, 8, 8);
        train = make(trainSize, seed, shape);
        test = make(testSize, seed + 1, shape);
    }

    private static ImageBatch make(int n, long seed, Shape shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        int per = Math.toIntExact(shape.elements());
        byte[] px = new byte[n * per];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        boolean bright = (x < 4) == (labels[i] == 0);
                        int v = rng.nextInt(120) + (bright ? 100 : 0);
                        px[i * per + c * 64 + y * 8 + x] = (byte) v;
                    }
                }
            }
        }
        return new ImageBatch(shape, px, labels);
    }

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    public Shape imageShape() {
        return shape;
    }

    @Override
    public List<String> classes() {
        return List.of("left", "right");
    }

    @Override
    public int size(Split split) {
        return switch (split) {
            case TRAIN -> train.count();
            case TEST -> test.count();
            default -> 0;
        };
    }

    @Override
    public ImageBatch read(Split split, int from, int to) {
        ImageBatch b = split == Split.TRAIN ? train : test;
        int per = Math.toIntExact(shape.elements());
        return new ImageBatch(shape, Arrays.copyOfRange(b.pixels(), from * per, to * per),
                Arrays.copyOfRange(b.labels(), from, to));
    }
}
