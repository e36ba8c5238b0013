package io.convprobe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.RandomImages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchBenchmarkTest {
    @Test
    void bothSidesProbeEveryNetworkAlikeAndTheSweepSaysWhereItsTimeWent() {
        List<ArchSpec> specs = List.of("c4k3-relu-c4k3-relu", "c4k3-relu-c4k5-relu", "c4k3-relu-c4k3s2-relu", "c4k5-relu")
                .stream().map(SpecFormat::parse).toList();
        List<String> log = new ArrayList<>();
        SearchBenchmark.Result r;
        try (RandomImages data = new RandomImages(Shape.chw(1, 12, 12), 500)) {
            r = SearchBenchmark.run(data, specs, log::add);
        }
        assertThat(r.archs()).isEqualTo(4);
        assertThat(r.accuracyMismatches()).isZero();
        assertThat(r.fullThroughput()).hasSize(4).doesNotContain(0.0);
        assertThat(java.util.Arrays.stream(r.fullThroughput()).min().orElseThrow()).isPositive();
        assertThat(java.util.Arrays.stream(r.shortThroughput()).min().orElseThrow()).isPositive();
        assertThat(r.sweepStats().scored()).isEqualTo(4);
        double parts = r.sweepStats().timingSeconds() + r.sweepStats().featureSeconds() + r.sweepStats().scoreSeconds();
        assertThat(parts).isPositive().isLessThanOrEqualTo(r.sweepSeconds());
        // the timing table: one row per distinct (input, layer); the two k5 layers' relus on 4x8x8 / 4x6x6 differ,
        // the first network's and the last's 4x8x8 relu are one row
        assertThat(r.layerShapes()).isEqualTo(9);
        assertThat(r.sweepStats().conv().measuredShapes()).isEqualTo(9);
        assertThat(r.fftShapes()).isZero(); // 12x12 maps: the FFT's multiply-adds never win, so it is not even tried
        assertThat(r.sweepStats().conv().fftBatches()).isZero();
        assertThat(r.sweepStats().conv().directBatches()).isPositive();
        assertThat(r.maxTestImagesOff()).isZero();
        assertThat(log).anyMatch(l -> l.startsWith("shared-prefix sweep:"));
    }
}
