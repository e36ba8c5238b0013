package io.convprobe.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Where torchvision keeps a dataset under its {@code root} (what {@code download=True} leaves), so
 * a {@code --data-dir} / {@code $CONVPROBE_DATA} pointing at that root is read as it is:
 * {@code cifar-10-batches-py/} or {@code cifar-10-python.tar.gz}, {@code cifar-100-python/} or
 * {@code cifar-100-python.tar.gz}, {@code MNIST/raw/}, {@code FashionMNIST/raw/} (IDX files,
 * gzipped or not) and {@code stl10_binary/} (the publisher's layout, which convprobe reads anyway).
 *
 * @param label    what {@code convprobe datasets} shows
 * @param path     relative to the root: a folder, or the archive file when {@code archive}
 * @param required files inside the folder ({@code .gz?}: plain or gzipped)
 */
public record TorchvisionLayout(String label, String path, boolean archive, List<String> required,
        BiFunction<String, Path, Dataset> opener) {

    public TorchvisionLayout {
        required = List.copyOf(required);
    }

    /** True when {@code p} (root/path) holds this layout. */
    public boolean presentIn(Path p) {
        if (archive) {
            return Files.isRegularFile(p);
        }
        return new KnownDataset("", "", "", required, List.of(), List.of(), opener).presentIn(p);
    }

    /** torchvision's layouts of a catalogue dataset, preferred first (an unpacked folder before its archive). */
    public static List<TorchvisionLayout> of(String dataset) {
        List<TorchvisionLayout> out = new ArrayList<>();
        switch (dataset) {
            case "cifar10" -> cifar(out, CifarDataset.Variant.CIFAR10, "CIFAR10");
            case "cifar100" -> cifar(out, CifarDataset.Variant.CIFAR100_FINE, "CIFAR100");
            case "cifar100-coarse" -> cifar(out, CifarDataset.Variant.CIFAR100_COARSE, "CIFAR100");
            case "mnist" -> idx(out, "MNIST", Catalog.DIGITS);
            case "fashion-mnist" -> idx(out, "FashionMNIST", Catalog.FASHION_CLASSES);
            case "stl10" -> out.add(new TorchvisionLayout("torchvision STL10 (stl10_binary/)", "stl10_binary", false,
                    Stl10Dataset.requiredFiles(), Stl10Dataset::new));
            default -> { }
        }
        return out;
    }

    private static void cifar(List<TorchvisionLayout> out, CifarDataset.Variant v, String tv) {
        BiFunction<String, Path, Dataset> open = (n, p) -> new CifarPythonDataset(n, p, v);
        String dir = CifarPythonDataset.layoutDir(v);
        out.add(new TorchvisionLayout("torchvision " + tv + " (" + dir + "/ python pickles)", dir, false,
                CifarPythonDataset.requiredFiles(v), open));
        String tar = CifarPythonDataset.archiveName(v);
        out.add(new TorchvisionLayout("torchvision " + tv + " (" + tar + ", read without unpacking)", tar, true,
                List.of(), open));
    }

    private static void idx(List<TorchvisionLayout> out, String tv, List<String> classes) {
        List<String> required = IdxDataset.mnistFileStems().stream().map(s -> s + ".gz?").toList();
        out.add(new TorchvisionLayout("torchvision " + tv + " (" + tv + "/raw/ IDX files)", tv + "/raw", false, required,
                (n, p) -> new IdxDataset(n, classes, IdxDataset.mnistLayout(p))));
    }
}
