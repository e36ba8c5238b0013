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
    void countsFeaturesTwiceTheLargestBatchOutputThriceAndTheSlack() {
        long features = 4L * NET.features() * 1000;
        long batch = 4L * 32 * 32 * 92 * 92; // the first conv's (and relu's) output, the largest
        assertThat(WorkingSet.bytes(NET, 500, 500, 32, Proxies.none()))
                .isEqualTo(2 * features + 3 * batch + WorkingSet.SLACK);
    }

    @Test
    void naswotAddsItsCodesAndAnFftLayerItsBuffers() {
        long plain = WorkingSet.bytes(NET, 500, 500, 32, Proxies.none());
        long naswot = WorkingSet.bytes(NET, 500, 500, 32, Proxies.parse("naswot"));
        // every ReLU input's codes, the largest once more (joined from its batches), one block as numbers
        assertThat(naswot - plain).isEqualTo(128L * (32 * 92 * 92 + 32 * 34 * 34 + 32 * 8 * 8) + 128L * 32 * 92 * 92
                + io.convprobe.proxy.HammingKernel.CHUNK_BYTES);
        long fft = WorkingSet.bytes(NET, 500, 500, 32, Proxies.none(), i -> i == 2 ? ConvAlgorithm.FFT : ConvAlgorithm.DIRECT);
        assertThat(fft).isGreaterThan(plain);
    }

    @Test
    void aGradientProxyAddsItsBackwardPassOnALabelledBatchBesideTheFeatures() {
        long features = 4L * NET.features() * 1000;
        long outputs = 0;
        long largest = 0;
        for (var l : NET.layers()) {
            outputs += l.output().elements();
            largest = Math.max(largest, l.output().elements());
        }
        long backward = 4L * 64 * (outputs + 2 * largest);
        long plain = WorkingSet.bytes(NET, 500, 500, 32, Proxies.none());
        assertThat(WorkingSet.bytes(NET, 500, 500, 32, Proxies.parse("jacob_cov")))
                .isEqualTo(Math.max(plain - WorkingSet.SLACK, features + backward) + WorkingSet.SLACK);
        assertThat(backward + features).as("on this network the backward pass is the larger phase")
                .isGreaterThan(plain - WorkingSet.SLACK);
        // synflow's float64 pass is one image: its unfolds (the k9 conv's: 32·81 × 34·34 values) beside the features
        long unfold = 8L * 32 * 81 * 34 * 34;
        assertThat(WorkingSet.bytes(NET, 500, 500, 32, Proxies.parse("synflow")))
                .isEqualTo(Math.max(plain - WorkingSet.SLACK, features + 3 * unfold) + WorkingSet.SLACK);
        // ZiCo's chains run in float64, and unfold a whole labelled batch
        assertThat(WorkingSet.bytes(NET, 500, 500, 32, Proxies.parse("zico")))
                .isEqualTo(Math.max(plain - WorkingSet.SLACK, features + 2 * backward + 64 * 3 * unfold) + WorkingSet.SLACK);
    }
}
