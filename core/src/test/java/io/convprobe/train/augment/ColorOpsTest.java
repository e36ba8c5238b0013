package io.convprobe.train.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Hand-computed results on tiny images (each also checked once against torchvision 0.14). */
class ColorOpsTest {
    @Test
    void brightnessScalesClampsAndTruncates() {
        UInt8Image img = UInt8Image.of(1, 1, 3, 7, 100, 200);
        assertThat(ColorOps.brightness(img, 1.5).values()).containsExactly(10, 150, 255);
        // 7 * 0.25 = 1.75 truncates to 1, not rounds to 2
        assertThat(ColorOps.brightness(img, 0.25).values()).containsExactly(1, 25, 50);
    }

    @Test
    void saturationBlendsWithTruncatedLuma() {
        // luma = 0.2989*200 + 0.587*100 = 118.48 -> 118
        UInt8Image rgb = UInt8Image.of(3, 1, 1, 200, 100, 0);
        assertThat(ColorOps.saturation(rgb, 0).values()).containsExactly(118, 118, 118);
        assertThat(ColorOps.saturation(rgb, 2).values()).containsExactly(255, 82, 0);
        UInt8Image gray = UInt8Image.of(1, 1, 2, 10, 20);
        assertThat(ColorOps.saturation(gray, 0).values()).containsExactly(10, 20);
    }

    @Test
    void contrastBlendsWithTheMeanOfTheGrayImage() {
        UInt8Image gray = UInt8Image.of(1, 2, 2, 0, 0, 100, 100);
        assertThat(ColorOps.contrast(gray, 0).values()).containsExactly(50, 50, 50, 50);
        assertThat(ColorOps.contrast(gray, 2).values()).containsExactly(0, 0, 150, 150);
        assertThat(ColorOps.contrast(gray, 0.5).values()).containsExactly(25, 25, 75, 75);
        // grey 100 in RGB has luma 99.99, truncated to 99 before the mean
        UInt8Image rgb = UInt8Image.of(3, 1, 2, 100, 100, 100, 100, 100, 100);
        assertThat(ColorOps.contrast(rgb, 0).values()).containsOnly(99);
    }

    @Test
    void sharpnessSmoothsOnlyInteriorPixels() {
        // all 13 but a 0 centre: the centre blurs to (8 * 13) / 13 = 8; the border is kept
        UInt8Image img = UInt8Image.of(1, 3, 3, 13, 13, 13, 13, 0, 13, 13, 13, 13);
        assertThat(ColorOps.sharpness(img, 0).values()).containsExactly(13, 13, 13, 13, 8, 13, 13, 13, 13);
        assertThat(ColorOps.sharpness(img, 0.5).values()).containsExactly(13, 13, 13, 13, 4, 13, 13, 13, 13);
        assertThat(ColorOps.sharpness(img, 2).values()).containsExactly(13, 13, 13, 13, 0, 13, 13, 13, 13);
        UInt8Image thin = UInt8Image.of(1, 2, 3, 0, 50, 0, 50, 0, 50);
        assertThat(ColorOps.sharpness(thin, 0)).isEqualTo(thin);
    }

    @Test
    void posterizeKeepsTopBits() {
        UInt8Image img = UInt8Image.of(1, 1, 4, 255, 129, 64, 7);
        assertThat(ColorOps.posterize(img, 1).values()).containsExactly(128, 128, 0, 0);
        assertThat(ColorOps.posterize(img, 3).values()).containsExactly(224, 128, 64, 0);
        assertThat(ColorOps.posterize(img, 8)).isEqualTo(img);
        assertThat(ColorOps.posterize(img, 0).values()).containsOnly(0);
        assertThatThrownBy(() -> ColorOps.posterize(img, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void solarizeInvertsAtOrAboveThreshold() {
        UInt8Image img = UInt8Image.of(1, 1, 4, 0, 127, 128, 255);
        assertThat(ColorOps.solarize(img, 128).values()).containsExactly(0, 127, 127, 0);
        assertThat(ColorOps.solarize(img, 255).values()).containsExactly(0, 127, 128, 0);
        assertThat(ColorOps.solarize(img, 0).values()).containsExactly(255, 128, 127, 0);
        assertThat(ColorOps.solarize(img, 127.5).values()).containsExactly(0, 127, 127, 0);
    }

    @Test
    void autocontrastStretchesEachChannelAndLeavesFlatChannels() {
        UInt8Image img = UInt8Image.of(2, 1, 3, 50, 100, 150, 7, 7, 7);
        assertThat(ColorOps.autocontrast(img).values()).containsExactly(0, 127, 255, 7, 7, 7);
    }

    @Test
    void equalizeUsesTorchvisionLut() {
        // 300 x 5, 210 x 6, 10 x 7: step = (520 - 10) / 255 = 2; lut = (count below + 1) / 2
        int[] values = IntStream.concat(IntStream.concat(IntStream.generate(() -> 5).limit(300),
                IntStream.generate(() -> 6).limit(210)), IntStream.generate(() -> 7).limit(10)).toArray();
        UInt8Image out = ColorOps.equalize(UInt8Image.of(1, 1, 520, values));
        assertThat(out.get(0, 0, 0)).isEqualTo(0);
        assertThat(out.get(0, 0, 300)).isEqualTo(150);
        assertThat(out.get(0, 0, 519)).isEqualTo(255);
        // too few pixels: step 0, unchanged
        UInt8Image small = UInt8Image.of(1, 1, 3, 10, 20, 30);
        assertThat(ColorOps.equalize(small)).isEqualTo(small);
    }

    @Test
    void grayscaleTruncatesLuma() {
        assertThat(ColorOps.grayscale(UInt8Image.of(3, 1, 1, 255, 255, 255)).values()).containsExactly(254);
        assertThatThrownBy(() -> ColorOps.grayscale(UInt8Image.zeros(2, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
