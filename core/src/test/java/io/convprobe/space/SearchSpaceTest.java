package io.convprobe.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {
    private final SearchSpace seed = SearchSpace.seed();

    @Test
    void seedSpaceCountsMatchPyTorchOn96() {
        SpaceCounts c = seed.count(Shape.chw(3, 96, 96), RatioRange.DEFAULT);
        assertThat(c).isEqualTo(new SpaceCounts(46_656, 36_369, 32_021));
    }

    @Test
    void seedSpaceValidCountsOnSmallInputs() {
        assertThat(seed.count(Shape.chw(1, 28, 28), RatioRange.DEFAULT).valid()).isEqualTo(3_804);
        assertThat(seed.count(Shape.chw(3, 32, 32), RatioRange.DEFAULT).valid()).isEqualTo(6_532);
    }

    @Test
    void fastValidityAgreesWithFullShapeInference() {
        Shape in = Shape.chw(1, 28, 28);
        for (long i = 0; i < seed.size(); i += 7) {
            ArchSpec spec = seed.spec(i);
            boolean fits = ShapeInference.fits(spec, in);
            Validity v = seed.validity(i, in, RatioRange.DEFAULT);
            assertThat(v != Validity.INVALID_SHAPE).as("spec %s", spec).isEqualTo(fits);
            if (fits) {
                double ratio = ShapeInference.infer(spec, in).ratio();
                assertThat(v == Validity.VALID).isEqualTo(ratio <= 1.0);
            }
        }
    }

    @Test
    void orderIsDocumentedProductOrder() {
        assertThat(SpecFormat.toText(seed.spec(0))).isEqualTo("ch=32 ks=3,3,3 st=1,1,1 di=1,1,1");
        assertThat(SpecFormat.toText(seed.spec(1))).isEqualTo("ch=32 ks=3,3,3 st=1,1,1 di=1,1,2");
        assertThat(SpecFormat.toText(seed.spec(3))).isEqualTo("ch=32 ks=3,3,3 st=1,1,2 di=1,1,1");
        assertThat(SpecFormat.toText(seed.spec(36))).isEqualTo("ch=32 ks=3,3,3 st=1,1,1 di=1,2,1");
        assertThat(SpecFormat.toText(seed.spec(46_655))).isEqualTo("ch=32 ks=9,9,9 st=3,3,3 di=3,3,3");
    }

    @Test
    void variableDepthSpacesEnumerateShortestFirst() {
        SearchSpace s = new SearchSpace(1, 2, List.of(8, 16), List.of(3), List.of(1), List.of(1), List.of(0, 1),
                List.of(Layer.Activation.RELU, Layer.Activation.GELU));
        assertThat(s.optionsPerLayer()).isEqualTo(8);
        assertThat(s.size()).isEqualTo(8 + 64);
        assertThat(s.spec(7).convs()).hasSize(1);
        assertThat(s.spec(8).convs()).hasSize(2);
        Set<String> all = new HashSet<>();
        for (long i = 0; i < s.size(); i++) {
            all.add(SpecFormat.toCompact(s.spec(i)));
        }
        assertThat(all).hasSize(72);
    }

    @Test
    void samplingIsDeterministicDistinctAndValid() {
        Shape in = Shape.chw(3, 96, 96);
        long[] a = seed.sample(500, 42, in, RatioRange.DEFAULT);
        long[] b = seed.sample(500, 42, in, RatioRange.DEFAULT);
        long[] c = seed.sample(500, 43, in, RatioRange.DEFAULT);
        assertThat(a).isEqualTo(b).hasSize(500);
        assertThat(c).isNotEqualTo(a);
        assertThat(Arrays.stream(a).distinct().count()).isEqualTo(500);
        assertThat(a).isSorted();
        for (long i : a) {
            assertThat(seed.validity(i, in, RatioRange.DEFAULT)).isEqualTo(Validity.VALID);
        }
    }

    @Test
    void samplingMoreThanValidGivesAllValid() {
        Shape in = Shape.chw(1, 28, 28);
        assertThat(seed.sample(10_000, 1, in, RatioRange.DEFAULT)).hasSize(3_804);
    }

    @Test
    void rejectionSamplingForHugeSpaces() {
        SearchSpace big = new SearchSpace(5, 5, List.of(16, 32, 64), List.of(1, 3, 5, 7), List.of(1, 2),
                List.of(1, 2), List.of(0, 1), List.of(Layer.Activation.RELU, Layer.Activation.GELU));
        assertThat(big.size()).isGreaterThan(SearchSpace.ENUMERATE_LIMIT);
        Shape in = Shape.chw(3, 32, 32);
        long[] a = big.sample(50, 7, in, RatioRange.DEFAULT);
        assertThat(a).hasSize(50).isSorted().isEqualTo(big.sample(50, 7, in, RatioRange.DEFAULT));
        for (long i : a) {
            assertThat(big.validity(i, in, RatioRange.DEFAULT)).isEqualTo(Validity.VALID);
        }
    }

    @Test
    void ratioRangeFiltersAndRejectsNonsense() {
        Shape in = Shape.chw(3, 96, 96);
        long narrow = seed.count(in, new RatioRange(0, 0.5)).valid();
        assertThat(narrow).isLessThan(32_021).isPositive();
        assertThatThrownBy(() -> RatioRange.parse("1")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> new RatioRange(2, 1)).isInstanceOf(UserException.class);
    }

    @Test
    void badSpacesAreRejected() {
        assertThatThrownBy(() -> new SearchSpace(0, 3, List.of(32), List.of(3), List.of(1), List.of(1), List.of(0),
                List.of(Layer.Activation.RELU))).isInstanceOf(UserException.class).hasMessageContaining("layers");
        assertThatThrownBy(() -> new SearchSpace(1, 1, List.of(32), List.of(0), List.of(1), List.of(1), List.of(0),
                List.of(Layer.Activation.RELU))).isInstanceOf(UserException.class).hasMessageContaining("kernels");
    }
}
