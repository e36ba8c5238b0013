package io.convprobe.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeInferenceTest {
    private static final Shape STL = Shape.chw(3, 96, 96);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ch=32 ks=7,3,5 st=2,1,2 di=1,3,1   | 143306",
        "ch=32 ks=9,3,7 st=3,1,1 di=1,1,1   | 222154",
        "ch=32 ks=5,3,5 st=3,2,1 di=2,1,1   | 69322",
        "ch=32 ks=9,3,5 st=3,1,1 di=1,1,1   | 227018",
        "ch=32 ks=9,9,7 st=2,2,1 di=2,1,1   | 173002",
        "ch=128 ks=7,3,5 st=2,1,2 di=1,3,1  | 990986",
        "ch=128 ks=9,9,7 st=2,2,1 di=2,1,1  | 2289418",
    })
    void publishedParameterCountsWithTenClassHead(String spec, long params) {
        assertThat(ShapeInference.infer(SpecFormat.parse(spec).withHead(10), STL).params()).isEqualTo(params);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ch=32 ks=7,3,5 st=2,1,2 di=1,3,1 | 0.3750000",
        "ch=32 ks=7,3,9 st=2,1,2 di=3,1,1 | 0.2604166",
        "ch=32 ks=9,3,7 st=3,1,1 di=1,1,1 | 0.5601852",
        "ch=32 ks=9,3,7 st=3,1,1 di=2,1,1 | 0.4178241",
        "ch=32 ks=9,3,5 st=3,1,1 di=1,1,1 | 0.6666666",
        "ch=32 ks=5,5,3 st=3,1,1 di=3,1,3 | 0.3750000",
        "ch=32 ks=7,3,3 st=3,1,1 di=3,3,1 | 0.3750000",
        "ch=32 ks=7,3,3 st=3,1,2 di=3,1,1 | 0.1400463",
        "ch=32 ks=5,3,5 st=3,2,1 di=2,1,1 | 0.1157407",
    })
    void publishedCompressionRatios(String spec, double ratio) {
        ArchSummary s = ShapeInference.infer(SpecFormat.parse(spec), STL);
        assertThat(s.ratio()).isCloseTo(ratio, within(1e-6));
        // a head does not change the compression ratio
        assertThat(ShapeInference.infer(SpecFormat.parse(spec).withHead(10), STL).ratio()).isCloseTo(ratio, within(1e-6));
    }

    @Test
    void handWorkedConvWithPaddingDilationAndStride() {
        // 3x10x10, conv 4 out, k3, s2, d2, p1: effective kernel 5, out = floor((10+2-5)/2)+1 = 4
        ArchSummary s = ShapeInference.infer(SpecFormat.parse("c4k3s2d2p1"), Shape.chw(3, 10, 10));
        LayerInfo l = s.layers().get(0);
        assertThat(l.output()).isEqualTo(Shape.chw(4, 4, 4));
        assertThat(l.params()).isEqualTo(4 * 3 * 9 + 4);
        assertThat(l.macs()).isEqualTo(4L * 4 * 4 * 3 * 9);
        assertThat(l.receptiveField()).isEqualTo(5);
    }

    @Test
    void handWorkedPoolingBatchNormLinear() {
        // 1x28x28 → c6k5 → 6x24x24 → max2 → 6x12x12 → bn → avg3s2p1 → 6x6x6 → flat 216 → fc10
        ArchSummary s = ShapeInference.infer(SpecFormat.parse("c6k5-relu-max2-bn-avg3s2p1-flat-fc10"), Shape.chw(1, 28, 28));
        assertThat(s.layers().get(0).output()).isEqualTo(Shape.chw(6, 24, 24));
        assertThat(s.layers().get(2).output()).isEqualTo(Shape.chw(6, 12, 12));
        assertThat(s.layers().get(3).params()).isEqualTo(12);
        assertThat(s.layers().get(4).output()).isEqualTo(Shape.chw(6, 6, 6));
        assertThat(s.layers().get(5).output()).isEqualTo(Shape.vector(216));
        assertThat(s.layers().get(6).params()).isEqualTo(216 * 10 + 10);
        assertThat(s.layers().get(6).macs()).isEqualTo(2160);
        assertThat(s.params()).isEqualTo(6 * 25 + 6 + 12 + 2170);
        // receptive field: conv k5 → 5; max2 (jump 1) → 6, jump 2; avg3 → 6 + 2*2 = 10
        assertThat(s.receptiveField()).isEqualTo(10);
        assertThat(s.ratio()).isCloseTo(216.0 / 784, within(1e-12));
    }

    @Test
    void pytorchTutorialNetHas62006Parameters() {
        ArchSummary s = ShapeInference.infer(
                SpecFormat.parse("c6k5-relu-max2-c16k5-relu-max2-flat-fc120-relu-fc84-relu-fc10"), Shape.chw(3, 32, 32));
        assertThat(s.params()).isEqualTo(62_006);
        assertThat(s.layers().get(6).output()).isEqualTo(Shape.vector(400));
    }

    @Test
    void receptiveFieldOfDilatedStack() {
        // k7 s2 d1 → 7, jump 2; k3 d3 (eff 7) → 7 + 6*2 = 19; k5 s2 → 19 + 4*2 = 27
        assertThat(ShapeInference.infer(SpecFormat.parse("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1"), STL).receptiveField())
                .isEqualTo(27);
    }

    @Test
    void impossibleSpecsNameLayerAndSizes() {
        assertThatThrownBy(() -> ShapeInference.infer(SpecFormat.parse("ch=32 ks=9,9,9 st=3,3,3 di=3,3,3"), STL))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("layer 2").hasMessageContaining("25x25").hasMessageContaining("32x24x24");
        assertThatThrownBy(() -> ShapeInference.infer(SpecFormat.parse("c4-fc10"), STL))
                .isInstanceOf(SpecException.class).hasMessageContaining("layer 1").hasMessageContaining("flatten");
        assertThatThrownBy(() -> ShapeInference.infer(SpecFormat.parse("flat-c4"), STL))
                .isInstanceOf(SpecException.class).hasMessageContaining("layer 1");
        assertThatThrownBy(() -> ShapeInference.infer(SpecFormat.parse("max4"), Shape.chw(1, 3, 3)))
                .isInstanceOf(SpecException.class).hasMessageContaining("pool window 4x4");
    }

    @Test
    void shapeParsing() {
        assertThat(Shape.parse("3x96x96")).isEqualTo(STL);
        assertThat(Shape.parse("3,96,96")).isEqualTo(STL);
        assertThat(STL.elements()).isEqualTo(27_648);
        assertThatThrownBy(() -> Shape.parse("3x0x9")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Shape.parse("big")).hasMessageContaining("CxHxW");
    }
}
