package io.convprobe.train.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.arch.Shape;
import io.convprobe.data.ImageBatch;
import org.junit.jupiter.api.Test;

class UInt8ImageTest {
    @Test
    void slicesOneImageOutOfABatchAndWritesItBack() {
        byte[] pixels = {1, 2, 3, 4, (byte) 250, 6, 7, 8};
        ImageBatch batch = new ImageBatch(Shape.chw(1, 2, 2), pixels, new int[] {0, 1});
        UInt8Image second = UInt8Image.fromBatch(batch, 1);
        assertThat(second.values()).containsExactly(250, 6, 7, 8);
        assertThat(second.get(0, 1, 0)).isEqualTo(7);
        assertThat(second.get(0, 0, 0)).isEqualTo(batch.pixel(1, 0, 0, 0));
        byte[] dest = new byte[8];
        second.writeTo(dest, 4);
        assertThat(dest).containsExactly(0, 0, 0, 0, (byte) 250, 6, 7, 8);
        second.data()[0] = 0;
        assertThat(batch.pixels()[4]).as("slice is a copy").isEqualTo((byte) 250);
    }

    @Test
    void indexesChannelPlanarRowMajor() {
        UInt8Image img = UInt8Image.of(2, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(img.get(1, 1, 2)).isEqualTo(11);
        assertThat(img.get(0, 1, 0)).isEqualTo(3);
        assertThat(img.shape()).isEqualTo(Shape.chw(2, 2, 3));
    }

    @Test
    void rejectsWrongSizes() {
        assertThatThrownBy(() -> new UInt8Image(1, 2, 2, new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UInt8Image.of(1, 1, 1, 256)).isInstanceOf(IllegalArgumentException.class);
    }
}
