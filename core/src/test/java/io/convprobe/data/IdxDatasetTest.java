package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxDatasetTest {
    @TempDir Path tmp;

    private Dataset open(Path dir) {
        return new IdxDataset("t", Catalog.DIGITS, IdxDataset.mnistLayout(dir));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsPlainAndGzippedIdx(boolean gz) throws Exception {
        TestFiles.writeMnist(tmp, 12, 5, 4, 3, gz);
        Dataset d = open(tmp);
        assertThat(d.imageShape()).isEqualTo(Shape.chw(1, 4, 3));
        assertThat(d.size(Split.TRAIN)).isEqualTo(12);
        assertThat(d.size(Split.TEST)).isEqualTo(5);
        assertThat(d.size(Split.UNLABELED)).isZero();
        ImageBatch b = d.read(Split.TRAIN, 10, 12);
        assertThat(b.labels()).containsExactly(0, 1);
        assertThat(b.pixel(1, 0, 2, 1)).isEqualTo(TestFiles.value(11, 2, 1));
        assertThat(d.read(Split.TEST, 4, 5).pixel(0, 0, 3, 2)).isEqualTo(TestFiles.value(4, 3, 2));
        assertThat(d.labels(Split.TRAIN)).hasSize(12).startsWith(0, 1, 2);
    }

    @Test
    void rejectsWrongMagic() throws Exception {
        TestFiles.writeMnist(tmp, 3, 3, 2, 2, false);
        Path f = tmp.resolve("train-images-idx3-ubyte");
        byte[] b = Files.readAllBytes(f);
        b[2] = 0x0D; // float type
        Files.write(f, b);
        assertThatThrownBy(() -> open(tmp).read(Split.TRAIN, 0, 1)).isInstanceOf(UserException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("magic").hasMessageContaining("0x00000803");
    }

    @Test
    void rejectsTruncatedFile() throws Exception {
        TestFiles.writeMnist(tmp, 3, 3, 2, 2, true);
        Path f = tmp.resolve("train-images-idx3-ubyte.gz");
        byte[] raw = IdxFile.encode(new int[] {3, 2, 2}, new byte[12]);
        Files.write(f, TestFiles.gzip(java.util.Arrays.copyOf(raw, raw.length - 5)));
        assertThatThrownBy(() -> open(tmp).size(Split.TRAIN)).isInstanceOf(UserException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("promises 12 data bytes, found 7");
    }

    @Test
    void rejectsCutGzipStream() throws Exception {
        TestFiles.writeMnist(tmp, 50, 3, 8, 8, true);
        Path f = tmp.resolve("train-images-idx3-ubyte.gz");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> open(tmp).size(Split.TRAIN)).isInstanceOf(UserException.class)
                .hasMessageContaining(f.toString());
    }

    @Test
    void rejectsLabelOutOfRange() throws Exception {
        TestFiles.writeMnist(tmp, 3, 3, 2, 2, false);
        Path f = tmp.resolve("t10k-labels-idx1-ubyte");
        Files.write(f, IdxFile.encode(new int[] {3}, new byte[] {0, 10, 1}));
        assertThatThrownBy(() -> open(tmp).size(Split.TEST)).isInstanceOf(UserException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("label 10 at index 1")
                .hasMessageContaining("0..9");
    }

    @Test
    void rejectsImageLabelCountMismatch() throws Exception {
        TestFiles.writeMnist(tmp, 3, 3, 2, 2, false);
        Files.write(tmp.resolve("train-labels-idx1-ubyte"), IdxFile.encode(new int[] {2}, new byte[] {0, 1}));
        assertThatThrownBy(() -> open(tmp).size(Split.TRAIN)).isInstanceOf(UserException.class)
                .hasMessageContaining("count mismatch").hasMessageContaining("3 images")
                .hasMessageContaining("2 labels");
    }
}
