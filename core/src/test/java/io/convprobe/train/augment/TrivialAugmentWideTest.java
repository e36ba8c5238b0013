package io.convprobe.train.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.train.augment.TrivialAugmentWide.Choice;
import io.convprobe.train.augment.TrivialAugmentWide.Op;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrivialAugmentWideTest {
    /** Chi-square statistic of observed counts against a uniform expectation. */
    private static double chiSquare(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double expected = (double) total / counts.length;
        double chi = 0;
        for (long c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        return chi;
    }

    @Test
    void opChoiceIsUniformOverTheFourteenOps() {
        SplittableRandom random = new SplittableRandom(1);
        long[] counts = new long[Op.values().length];
        for (int i = 0; i < 28_000; i++) {
            counts[TrivialAugmentWide.sample(random).op().ordinal()]++;
        }
        assertThat(counts).hasSize(14).doesNotContain(0L);
        // 13 degrees of freedom: P(chi2 > 34.5) = 0.001
        assertThat(chiSquare(counts)).isLessThan(34.5);
    }

    @Test
    void magnitudeBinIsUniformAndSignIsFairForSignedOps() {
        SplittableRandom random = new SplittableRandom(2);
        Map<Op, long[]> bins = new EnumMap<>(Op.class);
        Map<Op, long[]> signs = new EnumMap<>(Op.class);
        for (int i = 0; i < 140_000; i++) {
            Choice c = TrivialAugmentWide.sample(random);
            if (!c.op().hasMagnitude()) {
                assertThat(c.magnitude()).isZero();
                assertThat(c.bin()).isEqualTo(-1);
                continue;
            }
            double binValue = c.op().bins()[c.bin()];
            assertThat(Math.abs(c.magnitude())).isEqualTo(binValue);
            bins.computeIfAbsent(c.op(), k -> new long[31])[c.bin()]++;
            if (binValue != 0) {
                signs.computeIfAbsent(c.op(), k -> new long[2])[c.magnitude() < 0 ? 0 : 1]++;
            }
        }
        assertThat(bins).hasSize(11);
        for (Map.Entry<Op, long[]> e : bins.entrySet()) {
            // 30 degrees of freedom: P(chi2 > 59.7) = 0.001
            assertThat(chiSquare(e.getValue())).as("bins of %s", e.getKey()).isLessThan(59.7);
        }
        for (Op op : Op.values()) {
            long[] s = signs.get(op);
            if (op.signed()) {
                long n = s[0] + s[1];
                // 4 standard deviations of a fair coin
                assertThat((double) s[0] / n).as("negative share of %s", op)
                        .isBetween(0.5 - 2 / Math.sqrt(n), 0.5 + 2 / Math.sqrt(n));
            } else if (s != null) {
                assertThat(s[0]).as("negative magnitudes of unsigned %s", op).isZero();
            }
        }
    }

    @Test
    void magnitudeRangesAreTorchvisionsWide() {
        assertThat(Op.SHEAR_X.bins()[30]).isEqualTo((double) 0.99f);
        assertThat(Op.TRANSLATE_Y.bins()[30]).isEqualTo(32.0);
        assertThat(Op.ROTATE.bins()[20]).isEqualTo(90.0);
        assertThat(Op.ROTATE.bins()[30]).isEqualTo(135.0);
        assertThat(Op.SOLARIZE.bins()[0]).isEqualTo(255.0);
        assertThat(Op.SOLARIZE.bins()[30]).isEqualTo(0.0);
        assertThat(Op.POSTERIZE.bins()).startsWith(8, 8, 8, 7).endsWith(3, 2, 2, 2);
        assertThat(Op.IDENTITY.bins()).isEmpty();
        for (Op op : Op.values()) {
            assertThat(op.bins()).as("bins of %s", op).hasSize(op.hasMagnitude() ? 31 : 0);
        }
    }

    @Test
    void applyAppliesTheSampledOp() {
        UInt8Image img = UInt8Image.of(3, 3, 4, java.util.stream.IntStream.range(0, 36).map(i -> i * 7).toArray());
        TrivialAugmentWide taw = new TrivialAugmentWide();
        for (long seed = 0; seed < 50; seed++) {
            Choice c = TrivialAugmentWide.sample(new SplittableRandom(seed));
            UInt8Image expected = c.op().apply(img, c.magnitude(), 0);
            assertThat(taw.apply(img, new SplittableRandom(seed))).as("seed %d: %s", seed, c).isEqualTo(expected);
        }
    }

    @Test
    void opsDispatchToTheMatchingFunctionalOp() {
        UInt8Image img = UInt8Image.of(1, 3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(Op.IDENTITY.apply(img, 0, 0)).isEqualTo(img);
        // Python int() truncates: 1.9 -> 1, -1.9 -> -1
        assertThat(Op.TRANSLATE_X.apply(img, 1.9, 0)).isEqualTo(GeometricOps.translate(img, 1, 0, 0));
        assertThat(Op.TRANSLATE_Y.apply(img, -1.9, 0)).isEqualTo(GeometricOps.translate(img, 0, -1, 0));
        assertThat(Op.BRIGHTNESS.apply(img, -0.5, 0)).isEqualTo(ColorOps.brightness(img, 0.5));
        assertThat(Op.POSTERIZE.apply(img, 2, 0)).isEqualTo(ColorOps.posterize(img, 2));
        assertThat(Op.SOLARIZE.apply(img, 5, 0)).isEqualTo(ColorOps.solarize(img, 5));
    }
}
