package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {
    @TempDir Path tmp;

    private static void png(Path file, int h, int w, int rgb, boolean gray) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (gray) {
                    img.getRaster().setSample(x, y, 0, (rgb + y * 10 + x) & 0xFF);
                } else {
                    img.setRGB(x, y, rgb + x);
                }
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void rgbFoldersSortedClassesAndPlanarPixels() throws Exception {
        png(tmp.resolve("train/zebra/a.png"), 4, 5, 0x102030, false);
        png(tmp.resolve("train/ant/b.png"), 4, 5, 0x405060, false);
        png(tmp.resolve("train/ant/a.png"), 4, 5, 0x708090, false);
        png(tmp.resolve("test/zebra/c.png"), 4, 5, 0x0A0B0C, false);
        Dataset d = new FolderDataset("folder:x", tmp, null);
        assertThat(d.classes()).containsExactly("ant", "zebra");
        assertThat(d.imageShape()).isEqualTo(Shape.chw(3, 4, 5));
        assertThat(d.size(Split.TRAIN)).isEqualTo(3);
        ImageBatch b = d.read(Split.TRAIN, 0, 3);
        assertThat(b.labels()).containsExactly(0, 0, 1);
        // ant/a.png first (sorted file names): 0x708090 + x at column 2.
        assertThat(b.pixel(0, 0, 1, 2)).isEqualTo(0x70);
        assertThat(b.pixel(0, 1, 1, 2)).isEqualTo(0x80);
        assertThat(b.pixel(0, 2, 1, 2)).isEqualTo(0x92);
        assertThat(d.read(Split.TEST, 0, 1).labels()).containsExactly(1);
    }

    @Test
    void grayscaleStaysOneChannelWithExactValues() throws Exception {
        png(tmp.resolve("train/a/1.png"), 3, 3, 100, true);
        png(tmp.resolve("train/b/1.png"), 3, 3, 7, true);
        Dataset d = new FolderDataset("f", tmp, null);
        assertThat(d.imageShape()).isEqualTo(Shape.chw(1, 3, 3));
        assertThat(d.read(Split.TRAIN, 0, 2).pixel(1, 0, 2, 1)).isEqualTo(7 + 20 + 1);
        assertThat(d.size(Split.TEST)).isZero();
    }

    @Test
    void differentSizesAreAnErrorUnlessResized() throws Exception {
        png(tmp.resolve("train/a/1.png"), 4, 4, 0x808080, false);
        png(tmp.resolve("train/b/1.png"), 6, 8, 0x808080, false);
        assertThatThrownBy(() -> new FolderDataset("f", tmp, null)).isInstanceOf(UserException.class)
                .hasMessageContaining("6x8").hasMessageContaining("--resize");
        Dataset d = new FolderDataset("f", tmp, FolderDataset.Size.parse("5x7"));
        assertThat(d.imageShape()).isEqualTo(Shape.chw(3, 5, 7));
    }

    @Test
    void emptyClassFolderIsAnError() throws Exception {
        png(tmp.resolve("train/a/1.png"), 2, 2, 0, false);
        Files.createDirectories(tmp.resolve("train/b"));
        assertThatThrownBy(() -> new FolderDataset("f", tmp, null)).isInstanceOf(UserException.class)
                .hasMessageContaining(tmp.resolve("train/b").toString()).hasMessageContaining("empty");
    }

    @Test
    void nonImageAndCorruptFilesAreErrors() throws Exception {
        png(tmp.resolve("train/a/1.png"), 2, 2, 0, false);
        Files.writeString(tmp.resolve("train/a/notes.txt"), "hello");
        assertThatThrownBy(() -> new FolderDataset("f", tmp, null)).isInstanceOf(UserException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("not an image");
        Files.delete(tmp.resolve("train/a/notes.txt"));
        Files.writeString(tmp.resolve("train/a/2.png"), "not really a png");
        assertThatThrownBy(() -> new FolderDataset("f", tmp, null)).isInstanceOf(UserException.class)
                .hasMessageContaining("2.png").hasMessageContaining("PNG or JPEG");
    }

    @Test
    void badResizeText() {
        assertThatThrownBy(() -> FolderDataset.Size.parse("96")).isInstanceOf(UserException.class)
                .hasMessageContaining("HxW");
    }
}
