package io.convprobe.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RichSpaceTest {
    private static final Layer.Activation RELU = Layer.Activation.RELU;

    private static PositionChoices pos(List<Integer> ch, List<Integer> k, List<Integer> s, List<Integer> d,
            List<Integer> p, List<Boolean> norms, List<String> pools) {
        return new PositionChoices(ch, k, s, d, p, List.of(RELU), norms, pools.stream().map(PoolChoice::parse).toList());
    }

    /** A small space with everything: per-position lists, padding, pools, norms, a layer range (20,096 specs). */
    static RichSpace small() {
        return new RichSpace(1, 3, List.of(
                pos(List.of(4, 8), List.of(3, 5), List.of(1, 2), List.of(1, 2), List.of(0, 1), List.of(false, true),
                        List.of("none", "max2")),
                pos(List.of(8), List.of(3), List.of(1, 3), List.of(1, 3), List.of(0), List.of(false),
                        List.of("none", "avg2", "max3s2"))));
    }

    /** Brute force: every index through the full shape inference of its spec. */
    private static SpaceCounts bruteForce(RichSpace s, Shape in, RatioRange ratio) {
        long shape = 0;
        long valid = 0;
        for (long i = 0; i < s.size(); i++) {
            var spec = s.spec(i);
            if (ShapeInference.fits(spec, in)) {
                shape++;
                boolean ok = ratio.contains(ShapeInference.infer(spec, in).ratio());
                valid += ok ? 1 : 0;
                assertThat(s.validity(i, in, ratio)).isEqualTo(ok ? Validity.VALID : Validity.RATIO_OUT_OF_RANGE);
            } else {
                assertThat(s.validity(i, in, ratio)).isEqualTo(Validity.INVALID_SHAPE);
            }
        }
        return new SpaceCounts(s.size(), shape, valid);
    }

    @Test
    void countsEqualBruteForceEnumeration() {
        RichSpace s = small();
        assertThat(s.size()).isEqualTo(128 + 128 * 12 + 128 * 12 * 12);
        for (Shape in : List.of(Shape.chw(3, 9, 14), Shape.chw(1, 28, 28))) {
            for (RatioRange r : List.of(RatioRange.DEFAULT, new RatioRange(0.05, 0.3))) {
                assertThat(s.count(in, r)).as("%s %s", in, r).isEqualTo(bruteForce(s, in, r));
            }
        }
    }

    @Test
    void forEachValidVisitsExactlyTheValidIndicesInOrder() {
        RichSpace s = small();
        Shape in = Shape.chw(1, 12, 12);
        RatioRange r = new RatioRange(0, 0.5);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < s.size(); i++) {
            if (s.validity(i, in, r) == Validity.VALID) {
                expected.add(i);
            }
        }
        assertThat(Arrays.stream(s.validIndices(in, r)).boxed().toList()).isEqualTo(expected);
    }

    @Test
    void aSearchSpaceConvertsWithTheSameIndicesSpecsAndSamples() {
        SearchSpace seed = SearchSpace.seed();
        RichSpace rich = seed.rich();
        Shape in = Shape.chw(1, 28, 28);
        assertThat(rich.size()).isEqualTo(seed.size());
        assertThat(rich.describe()).isEqualTo(seed.describe());
        for (long i = 0; i < seed.size(); i += 97) {
            assertThat(SpecFormat.toText(rich.spec(i))).isEqualTo(SpecFormat.toText(seed.spec(i)));
            assertThat(rich.validity(i, in, RatioRange.DEFAULT)).isEqualTo(seed.validity(i, in, RatioRange.DEFAULT));
            assertThat(rich.index(rich.optionIndices(i))).isEqualTo(i);
        }
        assertThat(rich.sample(300, 9, in, RatioRange.DEFAULT)).isEqualTo(seed.sample(300, 9, in, RatioRange.DEFAULT));
        assertThat(rich.validIndices(in, RatioRange.DEFAULT)).isEqualTo(seed.validIndices(in, RatioRange.DEFAULT));
    }

    @Test
    void billionNetworkSpacesCountExactlyWithoutEnumerating() {
        // 5..6 layers of 4 channels x 4 kernels x 2 strides x 3 dilations x 2 paddings x 2 activations x 3 pools
        PositionChoices p = new PositionChoices(List.of(16, 32, 64, 128), List.of(1, 3, 5, 7), List.of(1, 2),
                List.of(1, 2, 3), List.of(0, 1), List.of(RELU, Layer.Activation.GELU), List.of(false),
                List.of(PoolChoice.NONE, PoolChoice.parse("max2"), PoolChoice.parse("avg2")));
        RichSpace big = new RichSpace(5, 6, List.of(p));
        assertThat(big.size()).isGreaterThan(1_000_000_000_000L);
        long t0 = System.nanoTime();
        SpaceCounts c = big.count(Shape.chw(3, 96, 96), RatioRange.DEFAULT);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30); // a loop over 10^12 indices would take hours
        assertThat(c.valid()).isPositive().isLessThanOrEqualTo(c.shapeValid());
        assertThat(c.shapeValid()).isLessThan(c.total());
        // drawn specs are valid, distinct and reproducible
        long[] a = big.sample(200, 3, Shape.chw(3, 96, 96), RatioRange.DEFAULT);
        assertThat(a).hasSize(200).isSorted().doesNotHaveDuplicates()
                .isEqualTo(big.sample(200, 3, Shape.chw(3, 96, 96), RatioRange.DEFAULT));
        for (long i : a) {
            assertThat(big.validity(i, Shape.chw(3, 96, 96), RatioRange.DEFAULT)).isEqualTo(Validity.VALID);
        }
    }

    @Test
    void drawsAreUniformAmongValidSpecs() {
        RichSpace s = new RichSpace(1, 2, List.of(new PositionChoices(List.of(4), List.of(3, 5, 7), List.of(1, 2),
                List.of(1, 2), List.of(0), List.of(RELU, Layer.Activation.GELU), List.of(false),
                List.of(PoolChoice.NONE, PoolChoice.parse("max2")))));
        Shape in = Shape.chw(1, 10, 10);
        RatioRange r = new RatioRange(0, 0.9);
        long[] valid = s.validIndices(in, r);
        assertThat(valid.length).isBetween(30, 400).isLessThan((int) s.size()); // some invalid ones to avoid
        RichSpace.Counter counter = s.counter(in, r);
        java.util.Map<Long, Integer> hits = new java.util.HashMap<>();
        SplittableRandom rng = new SplittableRandom(5);
        int draws = valid.length * 200;
        for (int i = 0; i < draws; i++) {
            long d = counter.draw(rng);
            assertThat(s.validity(d, in, r)).isEqualTo(Validity.VALID);
            hits.merge(d, 1, Integer::sum);
        }
        assertThat(hits).hasSize(valid.length);
        double expected = 200;
        double chi2 = 0;
        for (long v : valid) {
            double o = hits.getOrDefault(v, 0);
            chi2 += (o - expected) * (o - expected) / expected;
        }
        int df = valid.length - 1;
        // chi-square with df degrees of freedom: mean df, sd sqrt(2 df); 5 sd is far in the tail
        assertThat(chi2).isLessThan(df + 5 * Math.sqrt(2.0 * df));
    }

    @Test
    void mutationChangesOneChoiceIntoAValidSpec() {
        RichSpace s = small();
        Shape in = Shape.chw(1, 28, 28);
        long[] valid = s.validIndices(in, RatioRange.DEFAULT);
        SplittableRandom rng = new SplittableRandom(1);
        for (int t = 0; t < 300; t++) {
            long parent = valid[rng.nextInt(valid.length)];
            long child = s.mutate(parent, rng, in, RatioRange.DEFAULT, 50);
            assertThat(child).isNotEqualTo(parent).isGreaterThanOrEqualTo(0);
            assertThat(s.validity(child, in, RatioRange.DEFAULT)).isEqualTo(Validity.VALID);
            int[] a = s.optionIndices(parent);
            int[] b = s.optionIndices(child);
            if (a.length == b.length) {
                int changed = 0;
                for (int p = 0; p < a.length; p++) {
                    int[] da = s.at(p).digits(a[p]);
                    int[] db = s.at(p).digits(b[p]);
                    for (int k = 0; k < da.length; k++) {
                        changed += da[k] != db[k] ? 1 : 0;
                    }
                }
                assertThat(changed).isEqualTo(1);
            } else {
                assertThat(Math.abs(a.length - b.length)).isEqualTo(1);
                int common = Math.min(a.length, b.length);
                assertThat(Arrays.copyOf(a, common)).isEqualTo(Arrays.copyOf(b, common));
            }
        }
    }

    @Test
    void specsHaveNormAndPoolLayersInOrder() {
        RichSpace s = small();
        long last = s.size() - 1;
        String text = SpecFormat.toText(s.spec(s.index(new int[] {s.at(0).size() - 1})));
        assertThat(text).contains("bn").contains("max");
        assertThat(s.spec(last).layers()).hasSize(4 + 3 + 3); // conv,bn,act,pool + conv,act,pool twice
    }

    @Test
    void spaceFileGivesEachPositionItsLists(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("space.yaml");
        Files.writeString(f, "layers: 2..3\n"
                + "default: {kernels: [3, 5], strides: [1, 2], dilations: [1], pools: [none, max2]}\n"
                + "positions:\n"
                + "  - {kernels: [5, 7, 9], channels: '16,32'}\n"
                + "  - {}\n");
        PositionChoices base = PositionChoices.of(SearchSpace.seed());
        RichSpace s = SpaceFile.read(f, base, 3, 3);
        assertThat(s.minLayers()).isEqualTo(2);
        assertThat(s.maxLayers()).isEqualTo(3);
        assertThat(s.at(0).kernels()).containsExactly(5, 7, 9);
        assertThat(s.at(0).channels()).containsExactly(16, 32);
        assertThat(s.at(1).kernels()).containsExactly(3, 5);
        assertThat(s.at(1).channels()).containsExactly(32);
        assertThat(s.at(2)).isEqualTo(s.at(1));
        assertThat(s.size()).isEqualTo(s.at(0).size() * (long) s.at(1).size() * (1 + s.at(1).size()));
        assertThat(s.count(Shape.chw(1, 28, 28), RatioRange.DEFAULT)).isEqualTo(
                bruteForce(s, Shape.chw(1, 28, 28), RatioRange.DEFAULT));

        Files.writeString(f, "positions:\n  - {kernel: [3]}\n");
        assertThatThrownBy(() -> SpaceFile.read(f, base, 3, 3)).isInstanceOf(UserException.class)
                .hasMessageContaining("positions[0]").hasMessageContaining("unknown key 'kernel'");
        Files.writeString(f, "layers: 1\npositions:\n  - {}\n  - {}\n");
        assertThatThrownBy(() -> SpaceFile.read(f, base, 3, 3)).isInstanceOf(UserException.class)
                .hasMessageContaining("at most 1 layers");
    }

    @Test
    void poolChoicesParse() {
        assertThat(PoolChoice.parse("max2")).isEqualTo(new PoolChoice(Layer.PoolKind.MAX, 2, 2));
        assertThat(PoolChoice.parse("avg3s2")).isEqualTo(new PoolChoice(Layer.PoolKind.AVG, 3, 2));
        assertThat(PoolChoice.parse("none").none()).isTrue();
        assertThatThrownBy(() -> PoolChoice.parse("min2")).isInstanceOf(UserException.class);
    }
}
