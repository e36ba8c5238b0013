package io.convprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.proxy.Proxies;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyCostTest {
    private static final Dataset DATA = new SyntheticDataset(Shape.chw(1, 16, 16), 3, 200, 30);
    private static final ProbeSettings SETTINGS = new ProbeSettings(200, 30, 1, 25, 200, 3, 32, 0.3);

    @Test
    void nothingToComputeCostsNothingAndTheDefaultsCostSomething() {
        List<io.convprobe.arch.ArchSpec> specs = List.of(SpecFormat.parse("c6k3-relu"), SpecFormat.parse("c6k3-relu-c4k3-relu"));
        assertThat(ProxyCost.perTrial(DATA, SETTINGS, Proxies.none(), specs)).isZero();
        assertThat(ProxyCost.perTrial(DATA, SETTINGS, Proxies.defaults(), specs)).isPositive().isLessThan(60);
    }
}
