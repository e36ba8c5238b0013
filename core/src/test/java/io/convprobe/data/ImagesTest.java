package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.convprobe.arch.Shape;
import org.junit.jupiter.api.Test;

class ImagesTest {
    private static ImageBatch twoPixelsTwoChannels() {
        // one image, 2 channels of 1x2: channel 0 = {0, 255}, channel 1 = {51, 102}
        return new ImageBatch(Shape.chw(2, 1, 2), new byte[] {0, (byte) 255, 51, 102}, new int[] {0});
    }

    @Test
    void toFloatDividesBy255InNchwOrder() {
        assertThat(Images.toFloat(twoPixelsTwoChannels())).containsExactly(0f, 1f, 0.2f, 0.4f);
    }

    @Test
    void perChannelNormalisation() {
        float[] out = Images.toFloat(twoPixelsTwoChannels(), new float[] {0.5f, 0.2f}, new float[] {0.5f, 0.1f});
        assertThat(out[0]).isCloseTo(-1f, within(1e-6f));
        assertThat(out[1]).isCloseTo(1f, within(1e-6f));
        assertThat(out[2]).isCloseTo(0f, within(1e-6f));
        assertThat(out[3]).isCloseTo(2f, within(1e-5f));
    }

    @Test
    void channelStatsOfTheEmbeddedSampleAreThoseOfFashionMnist() {
        float[][] ms = Images.channelStats(EmbeddedSample.open(), Split.TRAIN, 1000);
        // Fashion-MNIST's training mean/std are about 0.286 / 0.353; 1,000 images come close.
        assertThat(ms[0][0]).isCloseTo(0.286f, within(0.02f));
        assertThat(ms[1][0]).isCloseTo(0.353f, within(0.02f));
    }
}
