package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetTest {
    @TempDir Path tmp;

    /** Records: label byte(s) then 1,024 R, 1,024 G, 1,024 B, each row-major 32x32. */
    private static byte[] records(int first, int n, int... labelBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = first; i < first + n; i++) {
            for (int lb : labelBytes) {
                out.write(lb == -1 ? i % 10 : lb);
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        out.write((i * 13 + c * 100 + y * 2 + x) & 0xFF);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private void writeCifar10() throws Exception {
        for (int f = 1; f <= 5; f++) {
            Files.write(tmp.resolve("data_batch_" + f + ".bin"), records((f - 1) * 3, 3, -1));
        }
        Files.write(tmp.resolve("test_batch.bin"), records(100, 2, -1));
    }

    @Test
    void cifar10ReadsAcrossBatchFiles() throws Exception {
        writeCifar10();
        Dataset d = new CifarDataset("cifar10", tmp, CifarDataset.Variant.CIFAR10);
        assertThat(d.imageShape()).isEqualTo(Shape.chw(3, 32, 32));
        assertThat(d.size(Split.TRAIN)).isEqualTo(15);
        assertThat(d.size(Split.TEST)).isEqualTo(2);
        ImageBatch b = d.read(Split.TRAIN, 2, 7); // spans data_batch_1..3
        assertThat(b.labels()).containsExactly(2, 3, 4, 5, 6);
        assertThat(b.pixel(3, 2, 31, 5)).isEqualTo((5 * 13 + 200 + 62 + 5) & 0xFF);
        assertThat(d.read(Split.TEST, 1, 2).pixel(0, 1, 0, 0)).isEqualTo((101 * 13 + 100) & 0xFF);
        assertThat(d.labels(Split.TRAIN)).hasSize(15).endsWith(2, 3, 4);
        assertThat(d.classes()).contains("automobile");
    }

    @Test
    void cifar100FineAndCoarse() throws Exception {
        Files.write(tmp.resolve("train.bin"), records(0, 2, 19, 99));
        Files.write(tmp.resolve("test.bin"), records(0, 1, 3, 42));
        assertThat(new CifarDataset("c", tmp, CifarDataset.Variant.CIFAR100_FINE).read(Split.TRAIN, 0, 2).labels())
                .containsExactly(99, 99);
        Dataset coarse = new CifarDataset("c", tmp, CifarDataset.Variant.CIFAR100_COARSE);
        assertThat(coarse.read(Split.TEST, 0, 1).labels()).containsExactly(3);
        assertThat(coarse.classes()).hasSize(20);
        assertThat(coarse.read(Split.TRAIN, 1, 2).pixel(0, 0, 1, 1)).isEqualTo((13 + 2 + 1) & 0xFF);
    }

    @Test
    void classNamesFromMetaFile() throws Exception {
        writeCifar10();
        Files.writeString(tmp.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        assertThat(new CifarDataset("c", tmp, CifarDataset.Variant.CIFAR10).classes()).startsWith("a", "b").hasSize(10);
    }

    @Test
    void rejectsLabelOutOfRange() throws Exception {
        writeCifar10();
        Path f = tmp.resolve("data_batch_2.bin");
        Files.write(f, records(0, 3, 10));
        Dataset d = new CifarDataset("cifar10", tmp, CifarDataset.Variant.CIFAR10);
        assertThatThrownBy(() -> d.read(Split.TRAIN, 0, 6)).isInstanceOf(UserException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("record 0 has label 10")
                .hasMessageContaining("0..9");
    }

    @Test
    void rejectsTruncatedBatch() throws Exception {
        writeCifar10();
        Path f = tmp.resolve("test_batch.bin");
        Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 3073 + 1000));
        assertThatThrownBy(() -> new CifarDataset("cifar10", tmp, CifarDataset.Variant.CIFAR10))
                .isInstanceOf(UserException.class).hasMessageContaining(f.toString())
                .hasMessageContaining("multiple of 3073");
    }

    @Test
    void rejectsMissingBatch() throws Exception {
        writeCifar10();
        Files.delete(tmp.resolve("data_batch_4.bin"));
        assertThatThrownBy(() -> new CifarDataset("cifar10", tmp, CifarDataset.Variant.CIFAR10))
                .isInstanceOf(UserException.class).hasMessageContaining("data_batch_4.bin");
    }
}
