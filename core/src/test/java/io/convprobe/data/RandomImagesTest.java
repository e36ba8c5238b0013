package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomImagesTest {
    @Test
    void rangesReadTheSamePixelsAndSplitsDiffer() {
        Dataset ds = Datasets.open("random:3x8x8:50", null);
        assertThat(ds.imageShape()).isEqualTo(Shape.chw(3, 8, 8));
        assertThat(ds.size(Split.TRAIN)).isEqualTo(50);
        ImageBatch all = ds.read(Split.TRAIN, 0, 50);
        ImageBatch part = ds.read(Split.TRAIN, 10, 12);
        assertThat(part.pixels()).isEqualTo(Arrays.copyOfRange(all.pixels(), 10 * 192, 12 * 192));
        assertThat(part.labels()).containsExactly(all.labels()[10], all.labels()[11]);
        assertThat(ds.read(Split.TEST, 0, 1).pixels()).isNotEqualTo(ds.read(Split.TRAIN, 0, 1).pixels());
        // roughly uniform bytes: mean near 127.5
        double mean = 0;
        for (byte b : all.pixels()) {
            mean += b & 0xFF;
        }
        assertThat(mean / all.pixels().length).isBetween(120.0, 135.0);
    }

    @Test
    void badNamesAreUserErrors() {
        assertThatThrownBy(() -> Datasets.open("random:3x8", null)).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> Datasets.open("random:3x8x8:zero", null)).isInstanceOf(UserException.class);
    }
}
