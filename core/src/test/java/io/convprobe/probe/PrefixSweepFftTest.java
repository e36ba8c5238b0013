package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.nn.ProbeNetwork;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep with every conv computed by the FFT (the most any measured choice can differ from the
 * direct convolution) against {@code --mode single} ({@link LinearProbe}) on a small slab: features
 * within float32 tolerance, accuracies equal for at least 99 % of the networks and the rest off by
 * at most one test image.
 */
class PrefixSweepFftTest {
    private static final Shape IN = Shape.chw(3, 20, 20);
    private static final Dataset DATA = new SyntheticDataset(IN, 4, 80, 60);
    private static final ProbeSettings SETTINGS = new ProbeSettings(64, 48, 1, 25, 200, 5, 16, 0.3);

    private static List<ArchSpec> slab() {
        SearchSpace space = new SearchSpace(1, 2, List.of(8), List.of(3, 5, 7, 9), List.of(1, 2, 3), List.of(1, 2, 3),
                List.of(0), List.of(Layer.Activation.RELU));
        long[] valid = space.validIndices(IN, new RatioRange(0, 100));
        List<ArchSpec> out = new ArrayList<>();
        for (int i = 0; i < valid.length; i += 10) {
            out.add(space.spec(valid[i]));
        }
        return out;
    }

    @Test
    void fftSweepAgreesWithSingleModeWithinOneTestImage() {
        List<ArchSpec> specs = slab();
        assertThat(specs.size()).isGreaterThan(15);
        List<TrialResult> swept = new ArrayList<>();
        List<Double> featureErrors = new ArrayList<>();
        PrefixSweep.Options fft = PrefixSweep.Options.DEFAULT.with(LayerTimings.Choice.FFT);
        try (PrefixSweep sweep = new PrefixSweep(DATA, SETTINGS, fft, NDManager.newBaseManager());
                LinearProbe single = new LinearProbe(DATA, SETTINGS);
                NDManager m = NDManager.newBaseManager()) {
            PrefixSweep.Stats st = sweep.run(specs, 0, 0, new PrefixSweep.Listener() {
                @Override
                public void result(ArchSpec spec, TrialResult r) {
                    swept.add(r);
                }

                @Override
                public void features(ArchSpec spec, int trial, NDArray train, NDArray test) {
                    try (ProbeNetwork net = ProbeNetwork.create(spec, IN, m, SETTINGS.seed(), trial)) {
                        NDArray direct = net.features(single.images().train(), SETTINGS.batchSize(), m);
                        float scale = direct.abs().max().getFloat();
                        featureErrors.add((double) train.sub(direct).abs().max().getFloat() / scale);
                        direct.close();
                    }
                }
            });
            assertThat(st.conv().fftBatches()).isPositive();
            assertThat(st.conv().directBatches()).isZero();
            int differ = 0;
            for (int i = 0; i < specs.size(); i++) {
                TrialResult a = single.probe(specs.get(i), 0);
                double d = Math.abs(a.testAccuracy() - swept.get(i).testAccuracy());
                if (d > 0) {
                    differ++;
                }
                assertThat(d).as("%s", specs.get(i)).isLessThanOrEqualTo(100.0 / SETTINGS.testSize() + 1e-9);
            }
            assertThat(differ).as("networks whose accuracy differs").isLessThanOrEqualTo(specs.size() / 100);
        }
        assertThat(featureErrors).hasSize(specs.size()).allMatch(e -> e <= 1e-4);
    }
}
