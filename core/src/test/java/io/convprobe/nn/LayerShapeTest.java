package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerShapeTest {
    @Test
    void everyLayerKindRoundTripsThroughItsKey() {
        var s = ShapeInference.infer(SpecFormat.parse("c8k5s2d2p1-gelu-max2-drop0.5-c4k3-identity-avg3s1p1-tanh-flat"),
                Shape.chw(3, 40, 40));
        List<LayerShape> layers = LayerShape.of(s);
        assertThat(layers).hasSize(9);
        for (LayerShape l : layers) {
            assertThat(LayerShape.parse(l.key())).as(l.key()).isEqualTo(l);
        }
        assertThat(layers.get(0).key()).isEqualTo("3x40x40 c8k5s2d2p1");
        assertThat(layers.get(3).isIdentity()).isTrue();
        assertThat(layers.get(5).isIdentity()).isTrue();
        assertThat(layers.get(4).isIdentity()).isFalse();
    }

    @Test
    void distinctKeepsFirstSeenOrderAndMergesEqualShapes() {
        Shape in = Shape.chw(1, 12, 12);
        var a = ShapeInference.infer(SpecFormat.parse("c4k3-relu"), in);
        var b = ShapeInference.infer(SpecFormat.parse("c4k3-relu-c4k3-relu"), in);
        assertThat(LayerShape.distinct(List.of(a, b))).extracting(LayerShape::key)
                .containsExactly("1x12x12 c4k3s1d1", "4x10x10 relu", "4x10x10 c4k3s1d1", "4x8x8 relu");
    }
}
