package io.convprobe.cli;

import io.convprobe.data.Catalog;
import io.convprobe.data.Dataset;
import io.convprobe.data.DatasetResolver;
import io.convprobe.data.FolderDataset;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The dataset flags every experiment command shares; use with {@code @Mixin DatasetOptions data;}
 * and call {@link #open()}.
 */
public final class DatasetOptions {
    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = Catalog.EMBEDDED,
            description = "Dataset: fashion-mnist-mini (embedded, default), fashion-mnist, mnist, cifar10, "
                    + "cifar100, cifar100-coarse, stl10, or folder:PATH. Default: ${DEFAULT-VALUE}.")
    String dataset = Catalog.EMBEDDED;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Look here first for dataset files (before $CONVPROBE_DATA, the cache, system folders).")
    Path dataDir;

    @Option(names = "--resize", paramLabel = "HxW",
            description = "folder: datasets only: scale every image to HxW (otherwise sizes must match).")
    String resize;

    public String name() {
        return dataset;
    }

    public Path dataDir() {
        return dataDir;
    }

    public FolderDataset.Size resizeOrNull() {
        return resize == null ? null : FolderDataset.Size.parse(resize);
    }

    public DatasetResolver resolver(PrintStream progress) {
        return DatasetResolver.standard(dataDir, progress);
    }

    /** Opens the chosen dataset; a download (if needed and allowed) shows progress on stderr. */
    public Dataset open() {
        return resolver(System.err).open(dataset, resizeOrNull());
    }
}
