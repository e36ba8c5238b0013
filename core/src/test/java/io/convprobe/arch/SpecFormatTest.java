package io.convprobe.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecFormatTest {
    private static final ArchSpec RICH = SpecFormat.parse(
            "c16k3s1d1p1-bn-relu-max2-c32k5s2d2nb-gelu-avg3s2p1-drop0.25-flat-fc64-tanh-fc10nb-sigmoid-identity");

    @Test
    void publishedNotationParsesToConvReluPairs() {
        ArchSpec s = SpecFormat.parse("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1");
        assertThat(s.layers()).containsExactly(
                new Layer.Conv(32, 7, 2, 1, 0, true), new Layer.Act(Layer.Activation.RELU),
                new Layer.Conv(32, 3, 1, 3, 0, true), new Layer.Act(Layer.Activation.RELU),
                new Layer.Conv(32, 5, 2, 1, 0, true), new Layer.Act(Layer.Activation.RELU));
    }

    @Test
    void singleChannelValueMeansEveryLayerAndPrintsCollapsed() {
        ArchSpec a = SpecFormat.parse("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1");
        ArchSpec b = SpecFormat.parse("ch=32,32,32 ks=7,3,5 st=2,1,2 di=1,3,1");
        assertThat(a).isEqualTo(b);
        assertThat(SpecFormat.toText(a)).isEqualTo("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1");
        assertThat(SpecFormat.toText(SpecFormat.parse("ch=8,16,32 ks=3,3,3")))
                .isEqualTo("ch=8,16,32 ks=3,3,3 st=1,1,1 di=1,1,1");
    }

    @Test
    void publishedPaddingIsOptionalAndRoundTrips() {
        ArchSpec s = SpecFormat.parse("ch=16 ks=3,3 st=1,2 di=1,1 pa=1,0");
        assertThat(s.convs().get(0).padding()).isEqualTo(1);
        assertThat(SpecFormat.toText(s)).isEqualTo("ch=16 ks=3,3 st=1,2 di=1,1 pa=1,0");
        assertThat(SpecFormat.parse(SpecFormat.toText(s))).isEqualTo(s);
    }

    @Test
    void compactRoundTripsEveryLayerKind() {
        String text = SpecFormat.toCompact(RICH);
        assertThat(SpecFormat.parseCompact(text)).isEqualTo(RICH);
        assertThat(text).isEqualTo(
                "c16k3s1d1p1-bn-relu-max2-c32k5s2d2nb-gelu-avg3s2p1-drop0.25-flat-fc64-tanh-fc10nb-sigmoid-identity");
    }

    @Test
    void compactDefaultsAndWhitespaceSeparators() {
        ArchSpec s = SpecFormat.parse("c8 relu max2 flat fc10");
        assertThat(s.layers().get(0)).isEqualTo(new Layer.Conv(8, 3, 1, 1, 0, true));
        assertThat(s.layers().get(2)).isEqualTo(new Layer.Pool(Layer.PoolKind.MAX, 2, 2, 0));
        assertThat(s.layers().get(4)).isEqualTo(new Layer.Linear(10, true));
    }

    @Test
    void jsonAndYamlRoundTripEveryLayerKind() {
        assertThat(SpecFormat.parseJson(SpecFormat.toJson(RICH))).isEqualTo(RICH);
        assertThat(SpecFormat.parseYaml(SpecFormat.toYaml(RICH))).isEqualTo(RICH);
        assertThat(SpecFormat.parse(SpecFormat.toJson(RICH))).isEqualTo(RICH);
        assertThat(SpecFormat.parse(SpecFormat.toYaml(RICH))).isEqualTo(RICH);
    }

    @Test
    void jsonDefaultsAndBareList() {
        ArchSpec s = SpecFormat.parse("[{\"type\":\"conv\",\"out_channels\":4},{\"type\":\"relu\"}]");
        assertThat(s.layers()).containsExactly(new Layer.Conv(4, 3, 1, 1, 0, true), new Layer.Act(Layer.Activation.RELU));
    }

    @Test
    void specFilesAreRead(@TempDir Path dir) throws Exception {
        Path y = dir.resolve("net.yaml");
        Files.writeString(y, SpecFormat.toYaml(RICH));
        assertThat(SpecFormat.parse(y.toString())).isEqualTo(RICH);
        Path j = dir.resolve("net.json");
        Files.writeString(j, SpecFormat.toJson(RICH));
        assertThat(SpecFormat.parse("@" + j)).isEqualTo(RICH);
        assertThatThrownBy(() -> SpecFormat.parse(dir.resolve("missing.yaml").toString()))
                .hasMessageContaining("spec file not found").hasMessageContaining("missing.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ch=32 ks=7,3 st=2,1,2",       // length mismatch
        "ch=32 st=2,1,2",              // no kernels
        "ks=3,3",                      // no channels
        "ch=32 ks=3,x",                // not a number
        "ch=32 ks=3 zz=1",             // unknown key
        "ch=0 ks=3",                   // non-positive channels
        "ch=32 ks=3 st=0",             // non-positive stride
        "c32k3-foo",                   // unknown token
        "c0k3",                        // zero channels
        "drop1.5",                     // probability out of range
        "max4p3",                      // pool padding > kernel/2
        "{\"layers\":[{\"type\":\"conv\"}]}",               // missing out_channels
        "{\"layers\":[{\"type\":\"warp\"}]}",               // unknown type
        "{\"layers\":[{\"type\":\"conv\",\"out_channels\":4,\"kernal\":3}]}", // misspelt field
        "{\"layers\":[{\"type\":\"conv\",\"out_channels\":4.5}]}",           // not a whole number
        "{\"layers\": [",              // malformed JSON
        "{\"layers\":[]}",             // no layers
    })
    void malformedSpecsAreOneLineErrors(String text) {
        assertThatThrownBy(() -> SpecFormat.parse(text))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
    }

    @Test
    void errorsNameTheLayer() {
        assertThatThrownBy(() -> SpecFormat.parse("c8-relu-c16k3s0")).hasMessageContaining("layer 2");
        assertThatThrownBy(() -> SpecFormat.parse("{\"layers\":[{\"type\":\"relu\"},{\"type\":\"warp\"}]}"))
                .hasMessageContaining("layer 1").hasMessageContaining("warp");
    }
}
