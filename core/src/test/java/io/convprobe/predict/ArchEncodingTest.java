package io.convprobe.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchEncodingTest {
    @Test
    void nb201CellsAreOneHotOpsOnTheSixEdges() {
        String a = "nb201:|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|";
        String b = "nb201:|none~0|+|none~0|none~1|+|none~0|none~1|none~2|";
        ArchEncoding enc = ArchEncoding.fit(List.of(a, b));
        assertThat(enc.names()).hasSize(30).contains("edge0=nor_conv_3x3", "edge5=avg_pool_3x3");
        double[] x = enc.encode(a);
        assertThat(x).hasSize(30);
        assertThat(Arrays.stream(x).sum()).isEqualTo(6.0);
        assertThat(x[enc.names().indexOf("edge0=nor_conv_3x3")]).isEqualTo(1.0);
        assertThat(x[enc.names().indexOf("edge1=none")]).isEqualTo(1.0);
        assertThat(x[enc.names().indexOf("edge4=nor_conv_1x1")]).isEqualTo(1.0);
        assertThat(x[enc.names().indexOf("edge0=none")]).isEqualTo(0.0);
        assertThat(enc.encode(b)[enc.names().indexOf("edge2=none")]).isEqualTo(1.0);
    }

    @Test
    void chainsAreOneHotPerLayerChoiceSeenAndNotConstantPlusDepth() {
        List<String> specs = List.of("ch=32 ks=3,3 st=2,1 di=1,1", "ch=32 ks=5,3,3 st=1,1,2 di=1,2,1", "c32k3s2-relu-max2-c32k3");
        ArchEncoding enc = ArchEncoding.fit(specs);
        List<String> names = enc.names();
        // seen in some but not all: kept; in every network (conv0, conv0.channels=32, act0=relu): dropped
        assertThat(names).contains("conv0.kernel=3", "conv0.kernel=5", "conv0.stride=2", "conv1.dilation=2",
                "conv2", "conv2.stride=2", "pool0.kind=max", "depth");
        assertThat(names).doesNotContain("conv0", "conv0.channels=32", "act0=relu", "conv1.bias=true");
        double[] deep = enc.encode(specs.get(1));
        assertThat(deep).hasSize(names.size());
        assertThat(deep[names.indexOf("conv0.kernel=5")]).isEqualTo(1.0);
        assertThat(deep[names.indexOf("conv0.kernel=3")]).isEqualTo(0.0);
        assertThat(deep[names.indexOf("conv2")]).isEqualTo(1.0);
        assertThat(deep[names.indexOf("depth")]).isEqualTo(1.0);
        double[] shallow = enc.encode(specs.get(0));
        assertThat(shallow[names.indexOf("depth")]).isEqualTo(0.0);
        assertThat(shallow[names.indexOf("conv2")]).isEqualTo(0.0);
        // a choice the population never showed has no column
        double[] unseen = enc.encode("ch=32 ks=9,3 st=1,1 di=1,1");
        assertThat(unseen[names.indexOf("conv0.kernel=3")] + unseen[names.indexOf("conv0.kernel=5")]).isEqualTo(0.0);
    }
}
