package io.convprobe.data;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@code fashion-mnist-mini}: the first 1,000 training and first 1,000 test images of Fashion-MNIST
 * (gzipped IDX, MIT licence, Copyright (c) 2017 Zalando SE; see the LICENSE file beside them),
 * shipped inside convprobe so every command runs offline on a fresh machine. Regenerate with
 * {@code tools/make-fashion-mnist-mini.sh}.
 */
public final class EmbeddedSample {
    public static final String RESOURCE_DIR = "/io/convprobe/data/fashion-mnist-mini/";

    private EmbeddedSample() {}

    public static Dataset open() {
        Map<Split, IdxDataset.SplitFiles> files = new EnumMap<>(Split.class);
        files.put(Split.TRAIN, new IdxDataset.SplitFiles(
                IdxDataset.Source.resource(EmbeddedSample.class, RESOURCE_DIR + "train-images-idx3-ubyte.gz"),
                IdxDataset.Source.resource(EmbeddedSample.class, RESOURCE_DIR + "train-labels-idx1-ubyte.gz")));
        files.put(Split.TEST, new IdxDataset.SplitFiles(
                IdxDataset.Source.resource(EmbeddedSample.class, RESOURCE_DIR + "t10k-images-idx3-ubyte.gz"),
                IdxDataset.Source.resource(EmbeddedSample.class, RESOURCE_DIR + "t10k-labels-idx1-ubyte.gz")));
        return new IdxDataset(Catalog.EMBEDDED, Catalog.FASHION_CLASSES, files);
    }
}
