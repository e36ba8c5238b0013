package io.convprobe.train.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** RandomCrop, HorizontalFlip, RandomErasing. */
class RandomTransformsTest {
    /** Returns scripted nextInt results; any other draw fails the test. */
    static final class Scripted implements RandomGenerator {
        private final Deque<Integer> ints = new ArrayDeque<>();

        Scripted(int... values) {
            for (int v : values) {
                ints.add(v);
            }
        }

        @Override
        public int nextInt(int bound) {
            int v = ints.remove();
            assertThat(v).isBetween(0, bound - 1);
            return v;
        }

        @Override
        public long nextLong() {
            throw new AssertionError("unexpected draw");
        }
    }

    private static final UInt8Image FOUR = UInt8Image.of(1, 2, 2, 1, 2, 3, 4);

    @Test
    void randomCropPadsWithZerosAndCropsBackToTheInputSize() {
        RandomCrop crop = RandomCrop.sameSize(1);
        assertThat(crop.apply(FOUR, new Scripted(0, 0)).values()).containsExactly(0, 0, 0, 1);
        assertThat(crop.apply(FOUR, new Scripted(2, 2)).values()).containsExactly(4, 0, 0, 0);
        assertThat(crop.apply(FOUR, new Scripted(1, 0)).values()).containsExactly(0, 1, 0, 3);
    }

    @Test
    void randomCropOffsetsAreUniform() {
        // padding 1 around a single pixel: the pixel survives only at offset (1, 1), 1 time in 9
        UInt8Image dot = UInt8Image.of(1, 1, 1, 200);
        SplittableRandom random = new SplittableRandom(3);
        int kept = 0;
        int n = 9000;
        for (int i = 0; i < n; i++) {
            kept += RandomCrop.sameSize(1).apply(dot, random).get(0, 0, 0) == 200 ? 1 : 0;
        }
        assertThat(kept).isBetween(1000 - 120, 1000 + 120); // ~4 sd of Binomial(9000, 1/9)
    }

    @Test
    void randomCropWithoutRoomDrawsNothing() {
        assertThat(RandomCrop.sameSize(0).apply(FOUR, new Scripted())).isEqualTo(FOUR);
        assertThat(new RandomCrop(1, 2, 0, 0).apply(FOUR, new Scripted(1, 0)).values()).containsExactly(3, 4);
        assertThatThrownBy(() -> new RandomCrop(3, 3, 0, 0).apply(FOUR, new Scripted()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void horizontalFlipHappensWithProbabilityP() {
        SplittableRandom random = new SplittableRandom(4);
        assertThat(new HorizontalFlip(1).apply(FOUR, random).values()).containsExactly(2, 1, 4, 3);
        assertThat(new HorizontalFlip(0).apply(FOUR, random)).isEqualTo(FOUR);
        int flipped = 0;
        for (int i = 0; i < 4000; i++) {
            flipped += new HorizontalFlip(0.5).apply(FOUR, random).equals(FOUR) ? 0 : 1;
        }
        assertThat(flipped).isBetween(2000 - 130, 2000 + 130); // ~4 sd
    }

    @Test
    void randomErasingBlanksOneRectangleWithinTheScaleAndRatioRanges() {
        int side = 40;
        byte[] white = new byte[side * side];
        Arrays.fill(white, (byte) 255);
        UInt8Image img = new UInt8Image(1, side, side, white);
        RandomErasing always = new RandomErasing(1, 0.02, 0.33, 0.3, 3.3, 0);
        SplittableRandom random = new SplittableRandom(5);
        int erased = 0;
        for (int t = 0; t < 500; t++) {
            UInt8Image out = always.apply(img, random);
            int minY = side;
            int maxY = -1;
            int minX = side;
            int maxX = -1;
            int zeros = 0;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    if (out.get(0, y, x) == 0) {
                        zeros++;
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                    }
                }
            }
            if (zeros == 0) {
                continue; // all 10 attempts failed to fit: allowed, should be rare
            }
            erased++;
            int h = maxY - minY + 1;
            int w = maxX - minX + 1;
            assertThat(zeros).as("a filled rectangle").isEqualTo(h * w);
            double areaFraction = (double) zeros / (side * side);
            // h and w are rounded, so allow a pixel of slack either way on each side
            assertThat(areaFraction).isBetween(0.02 * 0.8, 0.33 * 1.2);
            assertThat((double) h / w).isBetween(0.3 * 0.8, 3.3 * 1.25);
        }
        assertThat(erased).isGreaterThan(450);
    }

    @Test
    void randomErasingHappensWithProbabilityP() {
        UInt8Image img = UInt8Image.of(1, 4, 4, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9);
        SplittableRandom random = new SplittableRandom(6);
        RandomErasing erasing = RandomErasing.defaults();
        int changed = 0;
        for (int i = 0; i < 4000; i++) {
            changed += erasing.apply(img, random).equals(img) ? 0 : 1;
        }
        // on 4x4 a few draws round to an empty rectangle; the rest should be near p = 0.5
        assertThat(changed).isBetween(1700, 2130);
        assertThat(new RandomErasing(0, 0.02, 0.33, 0.3, 3.3, 0).apply(img, random)).isEqualTo(img);
    }
}
