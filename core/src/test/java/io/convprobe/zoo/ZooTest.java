package io.convprobe.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZooTest {
    private static long params(String name, Shape in) {
        return ShapeInference.infer(Zoo.get(name).spec(in, 10), in).params();
    }

    @Test
    void tutorialNetHasThePublishedCountOnCifarAndAdaptsToFashionMnist() {
        assertThat(params("tutorial-net", Shape.chw(3, 32, 32))).isEqualTo(62_006);
        // 1x28x28: 28→24→12→8→4, so the first linear layer sees 16·4·4 = 256 features
        long expected = (1 * 25 * 6 + 6) + (6 * 25 * 16 + 16) + (256 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10);
        assertThat(params("tutorial-net", Shape.chw(1, 28, 28))).isEqualTo(expected);
    }

    @Test
    void picksOn3x96x96HaveThePublishedParameterCounts() {
        Shape in = Shape.chw(3, 96, 96);
        Map<String, Long> published = Map.of(
                "rcnn-k7.3.5-s2.1.2-d1.3.1-c32", 143_306L,
                "rcnn-k9.3.7-s3.1.1-d1.1.1-c32", 222_154L,
                "rcnn-k9.3.5-s3.1.1-d1.1.1-c32", 227_018L,
                "rcnn-k5.3.5-s3.2.1-d2.1.1-c32", 69_322L,
                "rcnn-k9.9.7-s2.2.1-d2.1.1-c32", 173_002L,
                "rcnn-k7.3.5-s2.1.2-d1.3.1-c128", 990_986L,
                "rcnn-k9.9.7-s2.2.1-d2.1.1-c128", 2_289_418L);
        published.forEach((name, n) -> assertThat(params(name, in)).as(name).isEqualTo(n));
    }

    @Test
    void everyModelFitsCommonInputsAndTheListHasTwentyPicks() {
        assertThat(Zoo.all()).filteredOn(m -> m.family().equals("screen-pick")).hasSize(20);
        for (ZooModel m : Zoo.all()) {
            if (m.family().equals("cifar-study")) {
                for (Shape in : new Shape[] {Shape.chw(1, 28, 28), Shape.chw(3, 32, 32), Shape.chw(3, 96, 96)}) {
                    assertThat(ShapeInference.fits(m.spec(in, 10), in)).as(m.name() + " on " + in).isTrue();
                }
            } else {
                assertThat(ShapeInference.fits(m.spec(Shape.chw(3, 96, 96), 10), Shape.chw(3, 96, 96))).isTrue();
            }
        }
        assertThat(params("stacked-net", Shape.chw(3, 32, 32))).isGreaterThan(params("simple-net", Shape.chw(3, 32, 32)));
        assertThat(params("channel-net", Shape.chw(3, 32, 32))).isGreaterThan(params("stacked-net", Shape.chw(3, 32, 32)));
    }

    @Test
    void unknownNamesAreUserErrors() {
        assertThatThrownBy(() -> Zoo.get("resnet-50")).isInstanceOf(UserException.class)
                .hasMessageContaining("unknown model 'resnet-50'");
    }
}
