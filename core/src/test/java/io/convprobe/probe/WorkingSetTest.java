package io.convprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.proxy.Proxies;
import org.junit.jupiter.api.Test;

class WorkingSetTest {
    private static final ArchSummary NET = ShapeInference.infer(
            SpecFormat.parse("ch=32 ks=3,9,7 st=1,2,3 di=2,3,2"), Shape.chw(3, 96, 96));

    @Test
    void countsFeaturesThriceTheLargestBatchOutputThriceAndTheSlack() {
        long features = 4L * NET.features() * 1000;
        long batch = 4L * 32 * 32 * 92 * 92; // the first conv's (and relu's) output, the largest
        assertThat(WorkingSet.bytes(NET, 500, 500, 32, Proxies.none()))
                .isEqualTo(3 * features + 3 * batch + WorkingSet.SLACK);
    }

    @Test
    void naswotAddsItsCodesAndAnFftLayerItsBuffers() {
        long plain = WorkingSet.bytes(NET, 500, 500, 32, Proxies.none());
        long naswot = WorkingSet.bytes(NET, 500, 500, 32, Proxies.parse("naswot"));
        assertThat(naswot - plain).isEqualTo(128L * (32 * 92 * 92 + 32 * 34 * 34 + 32 * 8 * 8));
        long fft = WorkingSet.bytes(NET, 500, 500, 32, Proxies.none(), i -> i == 2 ? ConvAlgorithm.FFT : ConvAlgorithm.DIRECT);
        assertThat(fft).isGreaterThan(plain);
    }
}
