package io.convprobe.data;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * CIFAR binary versions. CIFAR-10 ({@code cifar-10-batches-bin/}): records of 1 label byte + 3,072
 * pixel bytes (1,024 red, 1,024 green, 1,024 blue, each row-major 32 x 32), train in
 * {@code data_batch_1..5.bin}, test in {@code test_batch.bin}. CIFAR-100 ({@code cifar-100-binary/}):
 * records of a coarse label byte, a fine label byte and the same 3,072 pixels, in {@code train.bin}
 * and {@code test.bin}. Label bytes are checked as records are read.
 */
public final class CifarDataset implements Dataset {
    public static final int PIXELS = 3 * 32 * 32;
    public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");
    private static final Shape SHAPE = Shape.chw(3, 32, 32);

    /** Which label of a record to use. */
    public enum Variant {
        CIFAR10(1, 0, 10, "batches.meta.txt"),
        CIFAR100_FINE(2, 1, 100, "fine_label_names.txt"),
        CIFAR100_COARSE(2, 0, 20, "coarse_label_names.txt");

        final int labelBytes;
        final int labelOffset;
        final int classCount;
        final String namesFile;

        Variant(int labelBytes, int labelOffset, int classCount, String namesFile) {
            this.labelBytes = labelBytes;
            this.labelOffset = labelOffset;
            this.classCount = classCount;
            this.namesFile = namesFile;
        }

        /** Files per split, relative to the layout directory. */
        public Map<Split, List<String>> files() {
            Map<Split, List<String>> m = new EnumMap<>(Split.class);
            if (this == CIFAR10) {
                m.put(Split.TRAIN, List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                        "data_batch_4.bin", "data_batch_5.bin"));
                m.put(Split.TEST, List.of("test_batch.bin"));
            } else {
                m.put(Split.TRAIN, List.of("train.bin"));
                m.put(Split.TEST, List.of("test.bin"));
            }
            return m;
        }
    }

    private final String name;
    private final Variant variant;
    private final List<String> classes;
    private final Map<Split, FixedRecords> records = new EnumMap<>(Split.class);

    public CifarDataset(String name, Path dir, Variant variant) {
        this.name = name;
        this.variant = variant;
        this.classes = classNames(dir.resolve(variant.namesFile), variant);
        for (Map.Entry<Split, List<String>> e : variant.files().entrySet()) {
            List<Path> paths = e.getValue().stream().map(dir::resolve).toList();
            records.put(e.getKey(), new FixedRecords(paths, variant.labelBytes + PIXELS,
                    variant.labelBytes + " label byte(s) + 3,072 pixel bytes per record"));
        }
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
        FixedRecords r = records.get(split);
        return r == null ? 0 : r.count();
    }

    @Override
    public ImageBatch read(Split split, int from, int to) {
        Ranges.check(this, split, from, to);
        FixedRecords r = records.get(split);
        byte[] raw = r.read(from, to);
        int rec = variant.labelBytes + PIXELS;
        int n = to - from;
        byte[] px = new byte[n * PIXELS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = raw[i * rec + variant.labelOffset] & 0xFF;
            if (label >= variant.classCount) {
                throw new UserException(r.fileOf(from + i) + ": record " + r.indexInFile(from + i) + " has label "
                        + label + "; expected 0.." + (variant.classCount - 1));
            }
            labels[i] = label;
            System.arraycopy(raw, i * rec + variant.labelBytes, px, i * PIXELS, PIXELS);
        }
        return new ImageBatch(SHAPE, px, labels);
    }

    private static List<String> classNames(Path file, Variant v) {
        if (Files.isRegularFile(file)) {
            try {
                List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .map(String::trim).filter(s -> !s.isEmpty()).toList();
                if (names.size() != v.classCount) {
                    throw new UserException(file + " lists " + names.size() + " class names; expected "
                            + v.classCount);
                }
                return names;
            } catch (IOException e) {
                throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (v == Variant.CIFAR10) {
            return CIFAR10_CLASSES;
        }
        // The archives ship the names; without the file, number the classes rather than guess.
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.classCount; i++) {
            out.add(String.format("class_%02d", i));
        }
        return out;
    }
}
