package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubsetTest {
    @TempDir Path tmp;

    private Dataset data() throws Exception {
        TestFiles.writeMnist(tmp, 200, 50, 2, 2, false); // labels i % 10: 20 per class
        return new IdxDataset("t", Catalog.DIGITS, IdxDataset.mnistLayout(tmp));
    }

    @Test
    void firstNOfEachSplit() throws Exception {
        Dataset d = Subset.first(data(), 30, 500);
        assertThat(d.size(Split.TRAIN)).isEqualTo(30);
        assertThat(d.size(Split.TEST)).isEqualTo(50); // fewer available than asked
        assertThat(d.read(Split.TRAIN, 29, 30).pixel(0, 0, 1, 1)).isEqualTo(TestFiles.value(29, 1, 1));
    }

    @Test
    void randomIsSeededDistinctAndReadsTheRightImages() throws Exception {
        Dataset base = data();
        Subset a = Subset.random(base, Split.TRAIN, 40, 7, false);
        Subset b = Subset.random(base, Split.TRAIN, 40, 7, false);
        Subset c = Subset.random(base, Split.TRAIN, 40, 8, false);
        assertThat(a.indices(Split.TRAIN)).isEqualTo(b.indices(Split.TRAIN)).isNotEqualTo(c.indices(Split.TRAIN));
        int[] idx = a.indices(Split.TRAIN);
        assertThat(Arrays.stream(idx).distinct().count()).isEqualTo(40);
        ImageBatch batch = a.read(Split.TRAIN, 0, 40);
        for (int i = 0; i < 40; i++) {
            assertThat(batch.pixel(i, 0, 0, 1)).isEqualTo(TestFiles.value(idx[i], 0, 1));
            assertThat(batch.labels()[i]).isEqualTo(idx[i] % 10);
        }
        assertThat(a.size(Split.TEST)).isEqualTo(50);
    }

    @Test
    void stratifiedKeepsClassShares() throws Exception {
        Subset s = Subset.random(data(), Split.TRAIN, 50, 1, true);
        int[] counts = new int[10];
        for (int l : s.labels(Split.TRAIN)) {
            counts[l]++;
        }
        assertThat(counts).containsOnly(5);
    }

    @Test
    void nestedViewsComposeIndices() throws Exception {
        Dataset base = data();
        Subset inner = Subset.of(base, Split.TRAIN, new int[] {10, 20, 30, 40}, "x");
        Subset outer = Subset.of(inner, Split.TRAIN, new int[] {1, 3}, "y");
        assertThat(outer.indices(Split.TRAIN)).containsExactly(20, 40);
        assertThat(outer.read(Split.TRAIN, 0, 2).pixel(1, 0, 1, 0)).isEqualTo(TestFiles.value(40, 1, 0));
    }
}
