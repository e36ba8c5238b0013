package io.convprobe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.proxy.Proxies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proxies inside the probers: the sweep (NASWOT's codes from the feature pass's first batches, cached
 * prefixes' contributions reused; in the TIMED mode NASWOT's own pass) gives the same scores as each network probed alone, and every requested
 * proxy is in the trial's map.
 */
class ProbeProxiesTest {
    private static final Shape IN = Shape.chw(1, 16, 16);
    private static final Dataset DATA = new SyntheticDataset(IN, 3, 200, 30);

    private static List<ArchSpec> specs() {
        // shared prefixes (cached levels' NASWOT contributions reused), dropout, a pool after a ReLU, no ReLU at all
        return List.of("c6k3-relu", "c6k3-relu-c4k3s2-relu", "c6k3-relu-c4k3s2-relu-max2", "c6k3-relu-drop0.5-c4k3s2-relu",
                "c6k3-gelu", "c6k3-relu")
                .stream().map(SpecFormat::parse).toList();
    }

    /** Returns the sweep's count of trials that needed NASWOT's own pass. */
    private static long sweepEqualsAlone(ProbeSettings settings, Proxies proxies, int trials) {
        return sweepEqualsAlone(settings, proxies, trials, PrefixSweep.Options.DEFAULT.with(LayerTimings.Choice.DIRECT));
    }

    private static long sweepEqualsAlone(ProbeSettings settings, Proxies proxies, int trials, PrefixSweep.Options o) {
        List<TrialResult> swept = new ArrayList<>();
        long ownPasses;
        try (PrefixSweep sweep = new PrefixSweep(DATA, settings, o, NDManager.newBaseManager(), proxies)) {
            for (int trial = 0; trial < trials; trial++) {
                for (ArchSpec s : specs()) {
                    swept.add(sweep.probe(s, trial));
                }
            }
            ownPasses = sweep.naswotOwnPasses();
        }
        try (LinearProbe alone = new LinearProbe(DATA, settings, NDManager.newBaseManager(), proxies)) {
            int i = 0;
            for (int trial = 0; trial < trials; trial++) {
                for (ArchSpec s : specs()) {
                    TrialResult a = alone.probe(s, trial);
                    TrialResult b = swept.get(i++);
                    assertThat(b.proxies().keySet()).as(s.toString()).containsExactlyInAnyOrderElementsOf(proxies.names());
                    assertThat(b.proxies().get("ridge")).isEqualTo(b.testAccuracy());
                    if (proxies.contains("naswot") && s.layers().stream().noneMatch(io.convprobe.proxy.HammingKernel::isRelu)) {
                        assertThat(b.proxies().get("naswot")).as(s.toString()).isNaN(); // K = 0
                    }
                    for (Map.Entry<String, Double> e : a.proxies().entrySet()) {
                        double want = e.getValue();
                        String what = SpecFormat.toCompact(s) + " trial " + trial + " " + e.getKey();
                        if (Double.isNaN(want)) { // naswot of a network without ReLU
                            assertThat(b.proxies().get(e.getKey())).as(what).isNaN();
                        } else {
                            assertThat(b.proxies().get(e.getKey())).as(what)
                                    .isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
                        }
                    }
                }
            }
        }
        return ownPasses;
    }

    @Test
    void sweepTakesNaswotFromTheFeaturePassAndMatchesTheStandaloneProbe() {
        // batches of 32: the first 4 feature batches are exactly NASWOT's 128 images
        assertThat(sweepEqualsAlone(new ProbeSettings(200, 30, 1, 25, 200, 3, 32, 0.3), Proxies.defaults(), 2)).isZero();
        // batches of 48: the first 3 batches cover 144 images, of which the first 128 count
        assertThat(sweepEqualsAlone(new ProbeSettings(200, 30, 1, 25, 200, 3, 48, 0.3), Proxies.parse("naswot,ridge,features"), 1))
                .isZero();
    }

    @Test
    void sweepFallsBackToItsOwnNaswotPassWhenTheTimingComputedTheFirstBatches() {
        // TIMED: the standalone timing computes the first batches, NASWOT runs its own pass over 128
        assertThat(sweepEqualsAlone(new ProbeSettings(200, 30, 1, 25, 200, 3, 16, 0.3), Proxies.parse("naswot,ridge,features"), 1,
                PrefixSweep.Options.DEFAULT.with(LayerTimings.Choice.DIRECT).with(PrefixSweep.Throughput.TIMED)))
                .isEqualTo(specs().size());
    }

    @Test
    void everyProxyRunsInTheProbeWithFewTrainImages() {
        ProbeSettings few = new ProbeSettings(40, 20, 1, 25, 200, 0, 16, 0.3);
        try (LinearProbe p = new LinearProbe(DATA, few, NDManager.newBaseManager(), Proxies.parse("all"))) {
            TrialResult r = p.probe(SpecFormat.parse("c4k3-relu-c4k3s2-relu"), 0);
            assertThat(r.proxies().keySet()).containsExactlyInAnyOrderElementsOf(Proxies.allNames());
            assertThat(r.proxies().get("zico")).isNaN(); // no second batch of 64 in 40 images
            assertThat(r.proxies().get("naswot")).isNotNaN();
            assertThat(r.proxies().get("synflow")).isFinite();
            assertThat(r.proxies().get("params")).isEqualTo(4 * 9 + 4 + 4 * 4 * 9 + 4);
        }
    }

    @Test
    void aTrialCutOnThroughputKeepsTheFreeProxies() {
        ProbeSettings s = new ProbeSettings(200, 30, 1, 25, 200, 3, 32, 0.3);
        try (PrefixSweep sweep = new PrefixSweep(DATA, s, PrefixSweep.Options.DEFAULT, NDManager.newBaseManager(),
                Proxies.defaults())) {
            TrialResult r = sweep.probe(SpecFormat.parse("c6k3-relu"), 0, Double.MAX_VALUE);
            assertThat(r.testAccuracy()).isNaN();
            assertThat(r.proxies()).containsOnlyKeys("ridge", "params", "macs");
            assertThat(r.proxies().get("ridge")).isNaN();
            assertThat(r.proxies().get("params")).isEqualTo(60.0);
        }
    }
}
