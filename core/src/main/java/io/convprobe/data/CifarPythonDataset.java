package io.convprobe.data;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * CIFAR's "python version", as {@code torchvision.datasets.CIFAR10/100(root, download=True)} leaves
 * it: {@code cifar-10-batches-py/} ({@code data_batch_1..5}, {@code test_batch},
 * {@code batches.meta}) and {@code cifar-100-python/} ({@code train}, {@code test}, {@code meta}),
 * each a pickled dict with {@code data} (uint8 N x 3072, the same R, G, B planes as the binary
 * version) and {@code labels} (CIFAR-10) or {@code fine_labels}/{@code coarse_labels} (CIFAR-100);
 * the meta file names the classes. Also read straight from the downloaded
 * {@code cifar-10-python.tar.gz} / {@code cifar-100-python.tar.gz} without unpacking. A split is
 * decoded whole on first use (CIFAR-10's training set is 150 MB); an archive is read once, at open.
 */
public final class CifarPythonDataset implements Dataset {
    public static final String CIFAR10_DIR = "cifar-10-batches-py";
    public static final String CIFAR100_DIR = "cifar-100-python";
    private static final Shape SHAPE = Shape.chw(3, 32, 32);

    private record Loaded(byte[] pixels, int[] labels) {}

    private final String name;
    private final CifarDataset.Variant variant;
    private final Path dirOrNull;
    private final List<String> classes;
    private final Map<Split, Loaded> loaded = new EnumMap<>(Split.class);

    /** Opens {@code path}: a layout directory, or an archive ({@code .tar.gz}) holding one. */
    public CifarPythonDataset(String name, Path path, CifarDataset.Variant variant) {
        this.name = name;
        this.variant = variant;
        if (Files.isDirectory(path)) {
            this.dirOrNull = path;
            this.classes = classNames(path.resolve(metaFile(variant)).toString(), open(path.resolve(metaFile(variant))));
        } else {
            this.dirOrNull = null;
            Map<String, byte[]> members = readArchive(path, variant);
            String meta = layoutDir(variant) + "/" + metaFile(variant);
            this.classes = classNames(path + "!" + meta, new ByteArrayInputStream(members.get(meta)));
            for (Split s : List.of(Split.TRAIN, Split.TEST)) {
                List<String> files = files(variant, s);
                List<Loaded> parts = new ArrayList<>();
                for (String f : files) {
                    String member = layoutDir(variant) + "/" + f;
                    parts.add(batch(path + "!" + member, new ByteArrayInputStream(members.remove(member))));
                }
                loaded.put(s, concat(parts));
            }
        }
    }

    public static String layoutDir(CifarDataset.Variant v) {
        return v == CifarDataset.Variant.CIFAR10 ? CIFAR10_DIR : CIFAR100_DIR;
    }

    public static String archiveName(CifarDataset.Variant v) {
        return v == CifarDataset.Variant.CIFAR10 ? "cifar-10-python.tar.gz" : "cifar-100-python.tar.gz";
    }

    static String metaFile(CifarDataset.Variant v) {
        return v == CifarDataset.Variant.CIFAR10 ? "batches.meta" : "meta";
    }

    /** The files of a split inside the layout directory. */
    static List<String> files(CifarDataset.Variant v, Split s) {
        if (v == CifarDataset.Variant.CIFAR10) {
            return s == Split.TRAIN ? List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5")
                    : List.of("test_batch");
        }
        return List.of(s == Split.TRAIN ? "train" : "test");
    }

    /** Every file that must be present in the layout directory. */
    public static List<String> requiredFiles(CifarDataset.Variant v) {
        List<String> out = new ArrayList<>(files(v, Split.TRAIN));
        out.addAll(files(v, Split.TEST));
        out.add(metaFile(v));
        return out;
    }

    private String labelKey() {
        return switch (variant) {
            case CIFAR10 -> "labels";
            case CIFAR100_FINE -> "fine_labels";
            case CIFAR100_COARSE -> "coarse_labels";
        };
    }

    private String namesKey() {
        return switch (variant) {
            case CIFAR10 -> "label_names";
            case CIFAR100_FINE -> "fine_label_names";
            case CIFAR100_COARSE -> "coarse_label_names";
        };
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
    public synchronized int size(Split split) {
        return split == Split.UNLABELED ? 0 : load(split).labels.length;
    }

    @Override
    public synchronized ImageBatch read(Split split, int from, int to) {
        Ranges.check(this, split, from, to);
        Loaded l = load(split);
        byte[] px = new byte[(to - from) * CifarDataset.PIXELS];
        System.arraycopy(l.pixels, from * CifarDataset.PIXELS, px, 0, px.length);
        int[] labels = new int[to - from];
        System.arraycopy(l.labels, from, labels, 0, labels.length);
        return new ImageBatch(SHAPE, px, labels);
    }

    @Override
    public synchronized int[] labels(Split split) {
        return split == Split.UNLABELED ? new int[0] : load(split).labels.clone();
    }

    private Loaded load(Split split) {
        Loaded l = loaded.get(split);
        if (l == null) {
            List<Loaded> parts = new ArrayList<>();
            for (String f : files(variant, split)) {
                Path p = dirOrNull.resolve(f);
                parts.add(batch(p.toString(), open(p)));
            }
            l = concat(parts);
            loaded.put(split, l);
        }
        return l;
    }

    private static InputStream open(Path p) {
        try {
            return Files.newInputStream(p);
        } catch (IOException e) {
            throw new UserException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** One pickled batch: checks dtype, shape, label count and range. */
    private Loaded batch(String source, InputStream in) {
        Map<String, Object> d;
        try (in) {
            d = PythonPickle.readDict(source, in);
        } catch (IOException e) {
            throw new UserException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (!(d.get("data") instanceof PythonPickle.NdArray a)) {
            throw new UserException(source + " has no numpy array 'data'; expected a CIFAR python batch (keys "
                    + d.keySet() + ")");
        }
        if (!a.dtype().equals("u1") || a.shape().length != 2 || a.shape()[1] != CifarDataset.PIXELS || a.fortran) {
            throw new UserException(source + ": 'data' is a " + a.dtype() + " array of shape "
                    + java.util.Arrays.toString(a.shape()) + "; expected uint8 N x 3072 in C order");
        }
        int n = a.shape()[0];
        if (a.data().length != (long) n * CifarDataset.PIXELS) {
            throw new UserException(source + ": 'data' holds " + a.data().length + " bytes; its shape promises "
                    + (long) n * CifarDataset.PIXELS + ": truncated");
        }
        if (!(d.get(labelKey()) instanceof List<?> list)) {
            throw new UserException(source + " has no label list '" + labelKey() + "' (keys " + d.keySet() + ")");
        }
        if (list.size() != n) {
            throw new UserException("image/label count mismatch: " + source + " has " + n + " images but " + list.size()
                    + " '" + labelKey() + "'");
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Object v = list.get(i);
            long y = v instanceof Number num ? num.longValue() : -1;
            if (!(v instanceof Number) || y < 0 || y >= variant.classCount) {
                throw new UserException(source + ": record " + i + " has label " + v + "; expected 0.."
                        + (variant.classCount - 1));
            }
            labels[i] = (int) y;
        }
        return new Loaded(a.data(), labels);
    }

    private List<String> classNames(String source, InputStream in) {
        Map<String, Object> d;
        try (in) {
            d = PythonPickle.readDict(source, in);
        } catch (IOException e) {
            throw new UserException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (!(d.get(namesKey()) instanceof List<?> names) || names.size() != variant.classCount) {
            throw new UserException(source + " has no list '" + namesKey() + "' of " + variant.classCount
                    + " class names (keys " + d.keySet() + ")");
        }
        List<String> out = new ArrayList<>();
        for (Object o : names) {
            out.add(o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o));
        }
        return List.copyOf(out);
    }

    private static Loaded concat(List<Loaded> parts) {
        int n = parts.stream().mapToInt(p -> p.labels.length).sum();
        byte[] px = new byte[Math.multiplyExact(n, CifarDataset.PIXELS)];
        int[] labels = new int[n];
        int at = 0;
        for (Loaded p : parts) {
            System.arraycopy(p.pixels, 0, px, at * CifarDataset.PIXELS, p.pixels.length);
            System.arraycopy(p.labels, 0, labels, at, p.labels.length);
            at += p.labels.length;
        }
        return new Loaded(px, labels);
    }

    /** The layout's members of a {@code .tar.gz}, by their path inside it, read in one pass. */
    private static Map<String, byte[]> readArchive(Path archive, CifarDataset.Variant v) {
        List<String> wanted = requiredFiles(v).stream().map(f -> layoutDir(v) + "/" + f).toList();
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String n = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                if (e.isFile() && wanted.contains(n)) {
                    byte[] b = tar.readAllBytes();
                    if (b.length != e.getSize()) {
                        throw new UserException(archive + " is truncated inside " + n);
                    }
                    out.put(n, b);
                }
            }
        } catch (IOException e) {
            throw new UserException("cannot read archive " + archive + ": " + e.getMessage()
                    + " (truncated or not a .tar.gz)", e);
        }
        List<String> missing = wanted.stream().filter(w -> !out.containsKey(w)).toList();
        if (!missing.isEmpty()) {
            throw new UserException("archive " + archive + " lacks " + String.join(", ", missing)
                    + "; expected torchvision's " + archiveName(v));
        }
        return out;
    }
}
