package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.convprobe.arch.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedSampleTest {
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void isRealFashionMnistSample() {
        Dataset d = EmbeddedSample.open();
        assertThat(d.name()).isEqualTo("fashion-mnist-mini");
        assertThat(d.imageShape()).isEqualTo(Shape.chw(1, 28, 28));
        assertThat(d.size(Split.TRAIN)).isEqualTo(1000);
        assertThat(d.size(Split.TEST)).isEqualTo(1000);
        assertThat(d.classes()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        // Fashion-MNIST's first training image is an ankle boot (label 9), its first test one too.
        assertThat(d.read(Split.TRAIN, 0, 1).labels()).containsExactly(9);
        assertThat(d.read(Split.TEST, 0, 1).labels()).containsExactly(9);
        assertThat(d.labels(Split.TRAIN)).containsAnyOf(0, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void licenceShipsWithIt() throws Exception {
        try (var in = EmbeddedSample.class.getResourceAsStream(EmbeddedSample.RESOURCE_DIR + "LICENSE")) {
            assertThat(in).isNotNull();
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).contains("MIT").contains("Copyright (c) 2017 Zalando SE");
        }
    }

    @Test
    void fullDebianFashionMnistReadsAll70000AndMatchesTheSample() {
        assumeTrue(Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz")),
                "full Fashion-MNIST not installed at " + DEBIAN + " (Debian package dataset-fashion-mnist)");
        DatasetResolver r = new DatasetResolver(Catalog.standard(),
                new DatasetResolver.Locations(null, null, Path.of("/nonexistent-cache"), true), new Downloader(null, 1000));
        Dataset full = r.open("fashion-mnist");
        assertThat(full.size(Split.TRAIN) + full.size(Split.TEST)).isEqualTo(70_000);
        int[] perClass = new int[10];
        for (Split s : List.of(Split.TRAIN, Split.TEST)) {
            for (int l : full.labels(s)) {
                perClass[l]++;
            }
        }
        assertThat(perClass).containsOnly(7000);
        Dataset mini = EmbeddedSample.open();
        for (Split s : List.of(Split.TRAIN, Split.TEST)) {
            ImageBatch a = full.read(s, 0, 1000);
            ImageBatch b = mini.read(s, 0, 1000);
            assertThat(b.pixels()).isEqualTo(a.pixels());
            assertThat(b.labels()).isEqualTo(a.labels());
        }
        ImageBatch last = full.read(Split.TRAIN, 59_999, 60_000);
        assertThat(last.count()).isEqualTo(1);
    }
}
