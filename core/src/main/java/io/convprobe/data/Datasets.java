package io.convprobe.data;

import java.nio.file.Path;

/** Convenience entry: {@code Datasets.open("stl10", null)}. */
public final class Datasets {
    private Datasets() {}

    /** Opens a dataset by name with the standard resolver (downloads print progress on stderr). */
    public static Dataset open(String name, Path dataDirOrNull) {
        return DatasetResolver.standard(dataDirOrNull, System.err).open(name);
    }

    /** As {@link #open(String, Path)}, with a resize target for {@code folder:} datasets. */
    public static Dataset open(String name, Path dataDirOrNull, FolderDataset.Size resizeOrNull) {
        return DatasetResolver.standard(dataDirOrNull, System.err).open(name, resizeOrNull);
    }
}
