package io.convprobe.probe;

import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.nn.ConvAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LayerTimingsTest {
    private static final ArchSummary NET = ShapeInference.infer(SpecFormat.parse("c4k3-relu-drop0.5-c4k3-relu"),
            Shape.chw(1, 12, 12));

    @Test
    void eachShapeIsMeasuredOnceAndThroughputIsImagesOverTheSumOfDirectSeconds() {
        List<String> measured = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        LayerTimings t = new LayerTimings(s -> {
            measured.add(s.key());
            return new LayerTiming(0.001, 0.0005, ConvAlgorithm.FFT);
        }, Map.of(), (s, r) -> stored.add(s.key()), LayerTimings.Choice.MEASURED);
        // 4 measured layers (dropout is an identity: asked, costs nothing, never run by the timer in practice)
        double thr = t.throughput(NET);
        assertThat(thr).isCloseTo(1 / (5 * 0.001), within(1e-9)); // the fake prices the dropout too
        assertThat(t.throughput(NET)).isEqualTo(thr);
        assertThat(measured).hasSize(5).doesNotHaveDuplicates();
        assertThat(stored).isEqualTo(measured);
        assertThat(t.algorithm(NET, 0)).isEqualTo(ConvAlgorithm.FFT);
        assertThat(t.algorithm(NET, 1)).isEqualTo(ConvAlgorithm.DIRECT); // not a conv
        assertThat(t.featureSeconds(NET, 0)).isEqualTo(0.0005);
    }

    @Test
    void confirmKeepsTheFasterReadingAndTheFirstAlgorithm() {
        double[] next = {0.004};
        List<String> stored = new ArrayList<>();
        LayerTimings t = new LayerTimings(s -> new LayerTiming(s.isIdentity() ? 0 : next[0], Double.NaN, ConvAlgorithm.DIRECT), Map.of(),
                (s, r) -> stored.add(s.key() + "=" + r.directSeconds()), LayerTimings.Choice.MEASURED);
        double slow = t.throughput(NET);
        next[0] = 0.001; // the second reading is faster
        double confirmed = t.confirm(NET);
        assertThat(confirmed).isCloseTo(4 * slow, within(1e-6));
        next[0] = 0.01; // a slower third reading changes nothing
        assertThat(t.confirm(NET)).isEqualTo(confirmed);
        assertThat(stored).hasSize(5 + 4); // 5 shapes stored when new, the 4 non-identity ones again when faster
    }
}
