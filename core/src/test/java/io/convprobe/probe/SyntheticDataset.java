package io.convprobe.probe;

import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Split;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small in-memory dataset for probe tests: class c is a bright square at a class-specific place
 * on uniform noise, so random conv features separate the classes well above chance.
 */
final class SyntheticDataset implements Dataset {
    private final Shape shape;
    private final int classes;
    private final ImageBatch train;
    private final ImageBatch test;

    SyntheticDataset(Shape shape, int classes, int trainSize, int testSize) {
        this.shape = shape;
        this.classes = classes;
        this.train = make(trainSize, 1);
        this.test = make(testSize, 2);
    }

    private ImageBatch make(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int per = (int) shape.elements();
        byte[] px = new byte[n * per];
        int[] labels = new int[n];
        int h = shape.height();
        int w = shape.width();
        int side = Math.max(2, h / 4);
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(classes);
            labels[i] = label;
            int y0 = (label * 7) % (h - side);
            int x0 = (label * 5 + 1) % (w - side);
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        boolean on = y >= y0 && y < y0 + side && x >= x0 && x < x0 + side;
                        int v = rng.nextInt(on ? 96 : 128) + (on ? 160 : 0);
                        px[i * per + (c * h + y) * w + x] = (byte) v;
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
        return Arrays.stream(new String[classes]).map(s -> "c").toList();
    }

    @Override
    public int size(Split split) {
        return split == Split.TRAIN ? train.count() : split == Split.TEST ? test.count() : 0;
    }

    @Override
    public ImageBatch read(Split split, int from, int to) {
        ImageBatch all = split == Split.TRAIN ? train : test;
        int per = (int) shape.elements();
        return new ImageBatch(shape, Arrays.copyOfRange(all.pixels(), from * per, to * per),
                Arrays.copyOfRange(all.labels(), from, to));
    }
}
