package io.convprobe.data;

import io.convprobe.UserException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets convprobe knows by name, with their published files and checksums. The MD5s are the
 * ones the publishers list (MNIST and Fashion-MNIST on their pages and in torchvision, CIFAR on the
 * CIFAR page, STL-10 as torchvision records it). They check downloads only: a system package may
 * recompress the same data (Debian's Fashion-MNIST .gz files differ byte-wise from the published
 * ones), so files found locally are checked by their readers' structural checks instead.
 */
public final class Catalog {
    /** The default of every command: shipped inside convprobe, always available. */
    public static final String EMBEDDED = "fashion-mnist-mini";

    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private final Map<String, KnownDataset> byName = new LinkedHashMap<>();

    public Catalog(List<KnownDataset> entries) {
        for (KnownDataset k : entries) {
            byName.put(k.name(), k);
        }
    }

    public static Catalog standard() {
        List<KnownDataset> all = new ArrayList<>();
        String stl = "http://ai.stanford.edu/~acoates/stl10/";
        all.add(new KnownDataset("stl10", "STL-10 binary, 3x96x96, 10 classes, 5,000/8,000 (+100,000 unlabeled)",
                "stl10_binary", Stl10Dataset.requiredFiles(),
                List.of(new Remote("stl10_binary.tar.gz", List.of(URI.create(stl + "stl10_binary.tar.gz")),
                        "91f7769df0f17e558f3565bffb0c7dfb", true)),
                List.of(), Stl10Dataset::new));
        String kriz = "https://www.cs.toronto.edu/~kriz/";
        all.add(new KnownDataset("cifar10", "CIFAR-10 binary, 3x32x32, 10 classes, 50,000/10,000",
                "cifar-10-batches-bin", flat(CifarDataset.Variant.CIFAR10),
                List.of(new Remote("cifar-10-binary.tar.gz", List.of(URI.create(kriz + "cifar-10-binary.tar.gz")),
                        "c32a1d4ab5d03f1284b67883e8d87530", true)),
                List.of(), (n, d) -> new CifarDataset(n, d, CifarDataset.Variant.CIFAR10)));
        Remote cifar100 = new Remote("cifar-100-binary.tar.gz",
                List.of(URI.create(kriz + "cifar-100-binary.tar.gz")), "03b5dce01913d631647c71ecec9e9cb8", true);
        all.add(new KnownDataset("cifar100", "CIFAR-100 binary, 3x32x32, 100 fine classes, 50,000/10,000",
                "cifar-100-binary", flat(CifarDataset.Variant.CIFAR100_FINE), List.of(cifar100), List.of(),
                (n, d) -> new CifarDataset(n, d, CifarDataset.Variant.CIFAR100_FINE)));
        all.add(new KnownDataset("cifar100-coarse", "CIFAR-100 binary with its 20 coarse (superclass) labels",
                "cifar-100-binary", flat(CifarDataset.Variant.CIFAR100_COARSE), List.of(cifar100), List.of(),
                (n, d) -> new CifarDataset(n, d, CifarDataset.Variant.CIFAR100_COARSE)));
        all.add(idx("mnist", "MNIST digits, 1x28x28, 10 classes, 60,000/10,000", DIGITS,
                List.of("http://yann.lecun.com/exdb/mnist/", "https://ossci-datasets.s3.amazonaws.com/mnist/"),
                new String[] {"f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                    "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"},
                List.of()));
        all.add(idx("fashion-mnist", "Fashion-MNIST, 1x28x28, 10 classes, 60,000/10,000", FASHION_CLASSES,
                List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                new String[] {"8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                    "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"},
                // Debian's dataset-fashion-mnist package.
                List.of(Path.of("/usr/share/datasets/fashion-mnist"))));
        return new Catalog(all);
    }

    /** IDX datasets: the four MNIST-named .gz files, MD5s in the order train images, train labels, test images, test labels. */
    private static KnownDataset idx(String name, String description, List<String> classes, List<String> bases,
            String[] md5, List<Path> systemDirs) {
        List<String> stems = IdxDataset.mnistFileStems();
        List<Remote> remotes = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (int i = 0; i < stems.size(); i++) {
            String file = stems.get(i) + ".gz";
            remotes.add(new Remote(file, bases.stream().map(b -> URI.create(b + file)).toList(), md5[i], false));
            required.add(stems.get(i) + ".gz?");
        }
        return new KnownDataset(name, description, name, required, remotes, systemDirs,
                (n, d) -> new IdxDataset(n, classes, IdxDataset.mnistLayout(d)));
    }

    private static List<String> flat(CifarDataset.Variant v) {
        return v.files().values().stream().flatMap(List::stream).toList();
    }

    public List<KnownDataset> all() {
        return List.copyOf(byName.values());
    }

    public KnownDataset get(String name) {
        KnownDataset k = byName.get(name);
        if (k == null) {
            throw new UserException("unknown dataset '" + name + "'; expected one of " + EMBEDDED + ", "
                    + String.join(", ", byName.keySet()) + ", or folder:PATH");
        }
        return k;
    }

    /** A copy with one entry replaced (tests: local URLs, temporary system dirs). */
    public Catalog with(KnownDataset replacement) {
        List<KnownDataset> copy = new ArrayList<>(byName.values());
        copy.replaceAll(k -> k.name().equals(replacement.name()) ? replacement : k);
        return new Catalog(copy);
    }
}
