package io.convprobe.train.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Hand-computed results on tiny images; the 3x3 image is 1..9 row by row. */
class GeometricOpsTest {
    private static final UInt8Image NINE = UInt8Image.of(1, 3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    @Test
    void hflipMirrorsEachRowOfEachChannel() {
        UInt8Image img = UInt8Image.of(2, 1, 3, 1, 2, 3, 4, 5, 6);
        assertThat(GeometricOps.hflip(img).values()).containsExactly(3, 2, 1, 6, 5, 4);
    }

    @Test
    void padSurroundsWithFill() {
        UInt8Image img = UInt8Image.of(1, 1, 2, 1, 2);
        UInt8Image padded = GeometricOps.pad(img, 1, 1, 0, 1, 9);
        assertThat(padded.height()).isEqualTo(3);
        assertThat(padded.width()).isEqualTo(3);
        assertThat(padded.values()).containsExactly(9, 9, 9, 9, 1, 2, 9, 9, 9);
    }

    @Test
    void cropTakesTheWindowAndRejectsOutOfBounds() {
        assertThat(GeometricOps.crop(NINE, 1, 1, 2, 2).values()).containsExactly(5, 6, 8, 9);
        assertThatThrownBy(() -> GeometricOps.crop(NINE, 2, 2, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eraseFillsTheRectangleInEveryChannel() {
        UInt8Image img = UInt8Image.of(2, 2, 2, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(GeometricOps.erase(img, 0, 1, 2, 1, 0).values()).containsExactly(1, 0, 3, 0, 5, 0, 7, 0);
        assertThat(img.values()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8); // input untouched
    }

    @Test
    void translateShiftsContentAndFillsTheGap() {
        assertThat(GeometricOps.translate(NINE, 1, 0, 0).values()).containsExactly(0, 1, 2, 0, 4, 5, 0, 7, 8);
        assertThat(GeometricOps.translate(NINE, 0, -1, 0).values()).containsExactly(4, 5, 6, 7, 8, 9, 0, 0, 0);
        assertThat(GeometricOps.translate(NINE, 0, 1, 200).values())
                .containsExactly(200, 200, 200, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void rotatePositiveAnglesAreCounterClockwise() {
        assertThat(GeometricOps.rotate(NINE, 90, 0).values()).containsExactly(3, 6, 9, 2, 5, 8, 1, 4, 7);
        assertThat(GeometricOps.rotate(UInt8Image.of(1, 2, 2, 1, 2, 3, 4), 180, 0).values())
                .containsExactly(4, 3, 2, 1);
        assertThat(GeometricOps.rotate(NINE, 0, 0)).isEqualTo(NINE);
    }

    @Test
    void shearXPivotsOnTheTopLeftCorner() {
        // output (x, y) reads source column x + 0.5 * (y + 0.5): offsets 0.25, 0.75, 1.25 round to 0, 1, 1
        assertThat(GeometricOps.shearX(NINE, 0.5, 0).values()).containsExactly(1, 2, 3, 5, 6, 0, 8, 9, 0);
    }

    @Test
    void shearYPivotsOnTheTopLeftCorner() {
        assertThat(GeometricOps.shearY(NINE, 0.5, 0).values()).containsExactly(1, 5, 6, 4, 8, 9, 7, 0, 0);
    }

    @Test
    void inverseAffineMatrixOfPureTranslationIsTheNegativeShift() {
        double[] m = GeometricOps.inverseAffineMatrix(0, 0, 0, 3, -2, 1, 0, 0);
        assertThat(m).containsExactly(new double[] {1, 0, -3, 0, 1, 2}, org.assertj.core.data.Offset.offset(1e-12));
    }
}
