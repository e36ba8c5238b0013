package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10DatasetTest {
    @TempDir Path tmp;

    /** Images in STL-10's layout: per channel a 96x96 plane stored column-major ([c][x][y]). */
    private static byte[] images(int n) {
        byte[] b = new byte[n * Stl10Dataset.IMAGE_BYTES];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < 96; x++) {
                    for (int y = 0; y < 96; y++) {
                        b[i * Stl10Dataset.IMAGE_BYTES + c * 9216 + x * 96 + y] = (byte) ((i * 50 + c * 7 + y * 3 + x) & 0xFF);
                    }
                }
            }
        }
        return b;
    }

    private void write(int train, int test, byte[] trainLabels) throws Exception {
        Files.write(tmp.resolve("train_X.bin"), images(train));
        Files.write(tmp.resolve("train_y.bin"), trainLabels);
        Files.write(tmp.resolve("test_X.bin"), images(test));
        byte[] testLabels = new byte[test];
        Arrays.fill(testLabels, (byte) 10);
        Files.write(tmp.resolve("test_y.bin"), testLabels);
    }

    @Test
    void transposesColumnMajorPlanesAndShiftsLabels() throws Exception {
        write(3, 1, new byte[] {1, 5, 10});
        Dataset d = new Stl10Dataset("stl10", tmp);
        assertThat(d.imageShape()).isEqualTo(Shape.chw(3, 96, 96));
        assertThat(d.size(Split.TRAIN)).isEqualTo(3);
        assertThat(d.size(Split.TEST)).isEqualTo(1);
        assertThat(d.size(Split.UNLABELED)).isZero();
        ImageBatch b = d.read(Split.TRAIN, 1, 3);
        assertThat(b.labels()).containsExactly(4, 9);
        // A known pixel: image 2 (second in the batch), green channel, row y=10, column x=70.
        // In the file it sits at plane offset x*96 + y; after reading at row-major y*96 + x.
        byte[] file = Files.readAllBytes(tmp.resolve("train_X.bin"));
        int fileByte = file[2 * Stl10Dataset.IMAGE_BYTES + 9216 + 70 * 96 + 10] & 0xFF;
        assertThat(b.pixel(1, 1, 10, 70)).isEqualTo(fileByte).isEqualTo((100 + 7 + 30 + 70) & 0xFF);
        assertThat(b.pixels()[Stl10Dataset.IMAGE_BYTES + 9216 + 10 * 96 + 70] & 0xFF).isEqualTo(fileByte);
        assertThat(d.read(Split.TEST, 0, 1).labels()).containsExactly(9);
        assertThat(d.classes()).hasSize(10).startsWith("airplane", "bird");
    }

    @Test
    void unlabeledSplitWhenPresent() throws Exception {
        write(1, 1, new byte[] {3});
        Files.write(tmp.resolve("unlabeled_X.bin"), images(2));
        Dataset d = new Stl10Dataset("stl10", tmp);
        assertThat(d.size(Split.UNLABELED)).isEqualTo(2);
        ImageBatch b = d.read(Split.UNLABELED, 1, 2);
        assertThat(b.labels()).containsExactly(-1);
        assertThat(b.pixel(0, 2, 95, 0)).isEqualTo((50 + 14 + 285) & 0xFF);
    }

    @Test
    void rejectsLabelOutOfRange() throws Exception {
        write(2, 1, new byte[] {1, 0});
        assertThatThrownBy(() -> new Stl10Dataset("stl10", tmp)).isInstanceOf(UserException.class)
                .hasMessageContaining("train_y.bin").hasMessageContaining("byte 1 is 0").hasMessageContaining("1..10");
    }

    @Test
    void rejectsTruncatedImages() throws Exception {
        write(2, 1, new byte[] {1, 2});
        Path x = tmp.resolve("train_X.bin");
        Files.write(x, Arrays.copyOf(Files.readAllBytes(x), Stl10Dataset.IMAGE_BYTES + 100));
        assertThatThrownBy(() -> new Stl10Dataset("stl10", tmp)).isInstanceOf(UserException.class)
                .hasMessageContaining(x.toString()).hasMessageContaining("multiple of 27648");
    }

    @Test
    void rejectsCountMismatch() throws Exception {
        write(2, 1, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> new Stl10Dataset("stl10", tmp)).isInstanceOf(UserException.class)
                .hasMessageContaining("count mismatch").hasMessageContaining("2 images").hasMessageContaining("3 labels");
    }
}
