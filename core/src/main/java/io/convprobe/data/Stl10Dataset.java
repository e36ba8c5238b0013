package io.convprobe.data;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * STL-10 binary ({@code stl10_binary/}): {@code *_X.bin} holds 3 x 96 x 96 uint8 images stored
 * column-major within each channel plane (MATLAB order: byte {@code x*96 + y} of a plane is row y,
 * column x), {@code *_y.bin} one label byte per image, 1..10. Labels become 0..9; the unlabeled
 * split ({@code unlabeled_X.bin}, 100,000 images, 2.7 GB) is opened only when present and only
 * read when asked for.
 */
public final class Stl10Dataset implements Dataset {
    public static final int SIDE = 96;
    public static final int PLANE = SIDE * SIDE;
    public static final int IMAGE_BYTES = 3 * PLANE;
    public static final List<String> CLASSES = List.of("airplane", "bird", "car", "cat", "deer", "dog", "horse",
            "monkey", "ship", "truck");
    private static final Shape SHAPE = Shape.chw(3, SIDE, SIDE);

    private final String name;
    private final List<String> classes;
    private final Map<Split, FixedRecords> pixels = new EnumMap<>(Split.class);
    private final Map<Split, int[]> labels = new EnumMap<>(Split.class);

    public Stl10Dataset(String name, Path dir) {
        this.name = name;
        this.classes = readClassNames(dir.resolve("class_names.txt"));
        for (Split s : List.of(Split.TRAIN, Split.TEST)) {
            Path x = dir.resolve(s.key() + "_X.bin");
            Path y = dir.resolve(s.key() + "_y.bin");
            FixedRecords px = new FixedRecords(List.of(x), IMAGE_BYTES, "3x96x96 images");
            int[] lab = readLabels(y);
            if (lab.length != px.count()) {
                throw new UserException("image/label count mismatch: " + x + " has " + px.count() + " images but "
                        + y + " has " + lab.length + " labels");
            }
            pixels.put(s, px);
            labels.put(s, lab);
        }
        Path unlabeled = dir.resolve("unlabeled_X.bin");
        if (Files.isRegularFile(unlabeled)) {
            FixedRecords px = new FixedRecords(List.of(unlabeled), IMAGE_BYTES, "3x96x96 images");
            pixels.put(Split.UNLABELED, px);
        }
    }

    /** The files that must exist for the dataset to count as present. */
    public static List<String> requiredFiles() {
        return List.of("train_X.bin", "train_y.bin", "test_X.bin", "test_y.bin");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape imageShape() {
        return SHAPE;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int size(Split split) {
        FixedRecords px = pixels.get(split);
        return px == null ? 0 : px.count();
    }

    @Override
    public ImageBatch read(Split split, int from, int to) {
        Ranges.check(this, split, from, to);
        byte[] raw = pixels.get(split).read(from, to);
        byte[] out = new byte[raw.length];
        for (int base = 0; base < raw.length; base += PLANE) {
            // Transpose each 96x96 plane from column-major (x*96+y) to row-major (y*96+x).
            for (int x = 0; x < SIDE; x++) {
                for (int y = 0; y < SIDE; y++) {
                    out[base + y * SIDE + x] = raw[base + x * SIDE + y];
                }
            }
        }
        return new ImageBatch(SHAPE, out, labelRange(split, from, to));
    }

    @Override
    public int[] labels(Split split) {
        return labelRange(split, 0, size(split));
    }

    private int[] labelRange(Split split, int from, int to) {
        int[] all = labels.get(split);
        int[] out = new int[to - from];
        if (all == null) {
            java.util.Arrays.fill(out, -1);
        } else {
            System.arraycopy(all, from, out, 0, out.length);
        }
        return out;
    }

    private static int[] readLabels(Path y) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(y);
        } catch (IOException e) {
            throw new UserException("cannot read STL-10 labels " + y + ": " + e.getMessage(), e);
        }
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            int v = bytes[i] & 0xFF;
            if (v < 1 || v > 10) {
                throw new UserException("STL-10 labels " + y + ": byte " + i + " is " + v + "; expected 1..10");
            }
            out[i] = v - 1;
        }
        return out;
    }

    private static List<String> readClassNames(Path file) {
        if (!Files.isRegularFile(file)) {
            return CLASSES;
        }
        try {
            List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (names.size() != 10) {
                throw new UserException(file + " lists " + names.size() + " class names; expected 10");
            }
            return names;
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
