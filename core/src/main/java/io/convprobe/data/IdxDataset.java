package io.convprobe.data;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * MNIST-style data: an images IDX file (N x H x W) and a labels IDX file (N) per split. A split is
 * decoded whole on first use (gzip allows no random access; the largest, 60,000 x 28 x 28, is 47 MB),
 * and the other split stays on disk until asked for.
 */
public final class IdxDataset implements Dataset {

    /** Where one IDX file's bytes come from: a file, or a classpath resource for the embedded sample. */
    public interface Source {
        String name();

        InputStream open() throws IOException;

        static Source of(Path file) {
            return new Source() {
                @Override
                public String name() {
                    return file.toString();
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file);
                }
            };
        }

        static Source resource(Class<?> anchor, String path) {
            return new Source() {
                @Override
                public String name() {
                    return "classpath:" + path;
                }

                @Override
                public InputStream open() throws IOException {
                    InputStream in = anchor.getResourceAsStream(path);
                    if (in == null) {
                        throw new IOException("resource " + path + " is missing from the build");
                    }
                    return in;
                }
            };
        }
    }

    /** The image and label files of one split. */
    public record SplitFiles(Source images, Source labels) {}

    private record Loaded(byte[] pixels, int[] labels) {}

    private final String name;
    private final List<String> classes;
    private final Map<Split, SplitFiles> files;
    private final Map<Split, Loaded> loaded = new EnumMap<>(Split.class);
    private final Map<Split, Integer> sizes = new EnumMap<>(Split.class);
    private Shape shape;

    public IdxDataset(String name, List<String> classes, Map<Split, SplitFiles> files) {
        this.name = name;
        this.classes = List.copyOf(classes);
        this.files = new EnumMap<>(files);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized Shape imageShape() {
        if (shape == null) {
            load(files.containsKey(Split.TRAIN) ? Split.TRAIN : files.keySet().iterator().next());
        }
        return shape;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public synchronized int size(Split split) {
        if (!files.containsKey(split)) {
            return 0;
        }
        Integer n = sizes.get(split);
        if (n == null) {
            // The labels file is small; its header alone gives the count, but reading it whole also
            // validates it.
            n = load(split).labels.length;
        }
        return n;
    }

    @Override
    public synchronized ImageBatch read(Split split, int from, int to) {
        Loaded data = load(split);
        Ranges.check(this, split, from, to);
        int per = (int) shape.elements();
        byte[] px = new byte[(to - from) * per];
        System.arraycopy(data.pixels, from * per, px, 0, px.length);
        int[] labels = new int[to - from];
        System.arraycopy(data.labels, from, labels, 0, labels.length);
        return new ImageBatch(shape, px, labels);
    }

    @Override
    public synchronized int[] labels(Split split) {
        return files.containsKey(split) ? load(split).labels.clone() : new int[0];
    }

    private Loaded load(Split split) {
        Loaded done = loaded.get(split);
        if (done != null) {
            return done;
        }
        SplitFiles sf = Objects.requireNonNull(files.get(split), () -> name + " has no " + split.key() + " split");
        IdxFile images = readIdx(sf.images());
        IdxFile labels = readIdx(sf.labels());
        if (images.dims().length != 3) {
            throw new UserException("IDX file " + images.source() + " has " + images.dims().length
                    + " dimensions; expected 3 (count x height x width) for images");
        }
        if (labels.dims().length != 1) {
            throw new UserException("IDX file " + labels.source() + " has " + labels.dims().length
                    + " dimensions; expected 1 (count) for labels");
        }
        if (images.count() != labels.count()) {
            throw new UserException("image/label count mismatch: " + images.source() + " has " + images.count()
                    + " images but " + labels.source() + " has " + labels.count() + " labels");
        }
        Shape s = Shape.chw(1, images.dims()[1], images.dims()[2]);
        if (shape != null && !shape.equals(s)) {
            throw new UserException("IDX file " + images.source() + " holds " + s + " images; expected " + shape
                    + " like the other split");
        }
        int[] lab = new int[labels.count()];
        for (int i = 0; i < lab.length; i++) {
            lab[i] = labels.data()[i] & 0xFF;
            if (lab[i] >= classes.size()) {
                throw new UserException("IDX file " + labels.source() + ": label " + lab[i] + " at index " + i
                        + " is out of range; expected 0.." + (classes.size() - 1));
            }
        }
        shape = s;
        Loaded l = new Loaded(images.data(), lab);
        loaded.put(split, l);
        sizes.put(split, lab.length);
        return l;
    }

    private static IdxFile readIdx(Source src) {
        try (InputStream in = src.open()) {
            return IdxFile.read(src.name(), in);
        } catch (IOException e) {
            throw new UserException("cannot read IDX file " + src.name() + ": " + e.getMessage(), e);
        }
    }

    /** The four files of an MNIST-layout directory, gzipped or not (the first that exists wins). */
    public static Map<Split, SplitFiles> mnistLayout(Path dir) {
        Map<Split, SplitFiles> m = new EnumMap<>(Split.class);
        m.put(Split.TRAIN, new SplitFiles(Source.of(pick(dir, "train-images-idx3-ubyte")),
                Source.of(pick(dir, "train-labels-idx1-ubyte"))));
        m.put(Split.TEST, new SplitFiles(Source.of(pick(dir, "t10k-images-idx3-ubyte")),
                Source.of(pick(dir, "t10k-labels-idx1-ubyte"))));
        return m;
    }

    /** The file names an MNIST-layout directory must hold (either plain or with {@code .gz}). */
    public static List<String> mnistFileStems() {
        return List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte");
    }

    static boolean hasMnistLayout(Path dir) {
        for (String stem : mnistFileStems()) {
            if (!Files.isRegularFile(dir.resolve(stem)) && !Files.isRegularFile(dir.resolve(stem + ".gz"))) {
                return false;
            }
        }
        return true;
    }

    private static Path pick(Path dir, String stem) {
        List<Path> candidates = new ArrayList<>(List.of(dir.resolve(stem + ".gz"), dir.resolve(stem)));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return candidates.get(0);
    }
}
