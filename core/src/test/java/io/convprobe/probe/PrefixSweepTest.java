package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.nn.ProbeNetwork;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class PrefixSweepTest {
    private static final Shape IN = Shape.chw(1, 16, 16);
    private static final Dataset DATA = new SyntheticDataset(IN, 3, 50, 30);
    /** 40 train and 24 test images in batches of 16: both splits end in a partial batch. */
    private static final ProbeSettings SETTINGS = new ProbeSettings(40, 24, 1, 25, 200, 3, 16, 0.3);
    /** Table throughput, every conv direct: features bit-identical with LinearProbe's. */
    private static final PrefixSweep.Options EXACT = PrefixSweep.Options.DEFAULT.with(LayerTimings.Choice.DIRECT);

    /** Consecutive valid specs of a small space, in space order: runs of shared 1- and 2-layer prefixes. */
    private static List<ArchSpec> spaceSpecs() {
        SearchSpace space = new SearchSpace(1, 3, List.of(4), List.of(3, 5), List.of(1, 2), List.of(1, 2), List.of(0),
                List.of(Layer.Activation.RELU));
        long[] valid = space.validIndices(IN, new RatioRange(0, 100));
        List<ArchSpec> out = new ArrayList<>();
        for (int i = 0; i < valid.length; i += 13) { // every 13th keeps prefix runs and crosses run ends
            out.add(space.spec(valid[i]));
        }
        return out;
    }

    private static List<ArchSpec> mixedSpecs() {
        return List.of("c6k3-relu", "c6k3-relu-c4k3s2-relu", "c6k3-relu-c4k3s2-relu-max2", "c6k3-relu-drop0.5-c4k3s2-relu",
                "c6k3-relu-max2-c4k3-tanh-flat", "c6k3-gelu", "c6k3-gelu-avg3s1p1-c4k1-sigmoid", "c6k3-relu")
                .stream().map(SpecFormat::parse).toList();
    }

    /** Features by spec for one trial, collected from a sweep. */
    private static Map<ArchSpec, float[][]> sweepFeatures(List<ArchSpec> specs, int trial, PrefixSweep.Options o,
            List<TrialResult> results, PrefixSweep.Stats[] stats) {
        return sweepFeatures(DATA, specs, trial, o, results, stats);
    }

    private static Map<ArchSpec, float[][]> sweepFeatures(Dataset data, List<ArchSpec> specs, int trial, PrefixSweep.Options o,
            List<TrialResult> results, PrefixSweep.Stats[] stats) {
        Map<ArchSpec, float[][]> out = new LinkedHashMap<>();
        try (PrefixSweep sweep = new PrefixSweep(data, SETTINGS, o, NDManager.newBaseManager())) {
            stats[0] = sweep.run(specs, trial, 0, new PrefixSweep.Listener() {
                @Override
                public void result(ArchSpec spec, TrialResult r) {
                    results.add(r);
                }

                @Override
                public void features(ArchSpec spec, int t, NDArray train, NDArray test) {
                    out.put(spec, new float[][] {train.toFloatArray(), test.toFloatArray()});
                }
            });
        }
        return out;
    }

    @Test
    void prefixSharedFeaturesAndAccuraciesEqualStandaloneProbing() {
        List<ArchSpec> specs = new ArrayList<>(spaceSpecs());
        specs.addAll(mixedSpecs());
        assertThat(specs.size()).isGreaterThan(20);
        for (int trial : new int[] {0, 2}) {
            List<TrialResult> results = new ArrayList<>();
            PrefixSweep.Stats[] stats = new PrefixSweep.Stats[1];
            Map<ArchSpec, float[][]> shared = sweepFeatures(specs, trial, EXACT, results, stats);
            assertThat(results).hasSize(specs.size());
            assertThat(stats[0].scored()).isEqualTo(specs.size());
            long standaloneLayerBatches = 0;
            try (LinearProbe alone = new LinearProbe(DATA, SETTINGS); NDManager m = NDManager.newBaseManager()) {
                for (int i = 0; i < specs.size(); i++) {
                    ArchSpec spec = specs.get(i);
                    standaloneLayerBatches += spec.layers().size() * 5L;
                    try (ProbeNetwork net = ProbeNetwork.create(spec, IN, m, SETTINGS.seed(), trial)) {
                        float[] train = net.features(alone.images().train(), 16, m).toFloatArray();
                        float[] test = net.features(alone.images().test(), 16, m).toFloatArray();
                        assertThat(maxAbsDiff(shared.get(spec)[0], train)).as("%s train", spec).isLessThanOrEqualTo(1e-6);
                        assertThat(maxAbsDiff(shared.get(spec)[1], test)).as("%s test", spec).isLessThanOrEqualTo(1e-6);
                    }
                    TrialResult a = alone.probe(spec, trial);
                    assertThat(results.get(i).testAccuracy()).as("%s", spec).isEqualTo(a.testAccuracy());
                    assertThat(results.get(i).trainAccuracy()).as("%s", spec).isEqualTo(a.trainAccuracy());
                    assertThat(results.get(i).features()).isEqualTo(a.features());
                    assertThat(results.get(i).trial()).isEqualTo(trial);
                }
            }
            assertThat(stats[0].layerBatches()).as("prefixes are computed once").isLessThan(standaloneLayerBatches);
        }
    }

    @Test
    void channelsLastTheSweepAndTheStandaloneProbeAgreeBitForBitAndStayNearNchw() {
        Shape rgb = Shape.chw(3, 16, 16);
        Dataset data = new SyntheticDataset(rgb, 3, 50, 30);
        List<ArchSpec> specs = List.of("c6k3-relu", "c6k3-relu-c4k3s2-relu", "c6k3-relu-c4k3d2-relu", "c6k3-relu-max2-c4k3-tanh",
                "c6k5s2-gelu-c4k3-relu").stream().map(SpecFormat::parse).toList();
        Map<ArchSpec, float[][]> nchw = io.convprobe.nn.ChannelsLastTest.with("false",
                () -> sweepFeatures(data, specs, 1, EXACT, new ArrayList<>(), new PrefixSweep.Stats[1]));
        io.convprobe.nn.ChannelsLastTest.with("true", () -> {
            List<TrialResult> results = new ArrayList<>();
            Map<ArchSpec, float[][]> shared = sweepFeatures(data, specs, 1, EXACT, results, new PrefixSweep.Stats[1]);
            try (LinearProbe alone = new LinearProbe(data, SETTINGS); NDManager m = NDManager.newBaseManager()) {
                for (int i = 0; i < specs.size(); i++) {
                    ArchSpec spec = specs.get(i);
                    try (ProbeNetwork net = ProbeNetwork.create(spec, rgb, m, SETTINGS.seed(), 1)) {
                        assertThat(shared.get(spec)[0]).as("%s train", spec).isEqualTo(net.features(alone.images().train(), 16, m).toFloatArray());
                        assertThat(shared.get(spec)[1]).as("%s test", spec).isEqualTo(net.features(alone.images().test(), 16, m).toFloatArray());
                    }
                    TrialResult a = alone.probe(spec, 1);
                    assertThat(results.get(i).testAccuracy()).as("%s", spec).isEqualTo(a.testAccuracy());
                    assertThat(maxAbsDiff(shared.get(spec)[0], nchw.get(spec)[0])).as("%s against NCHW", spec).isLessThanOrEqualTo(1e-5);
                }
            }
            return null;
        });
    }

    /** Largest |a − b| (AssertJ's element-wise containsExactly with an offset is quadratic). */
    private static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void eachDistinctPrefixIsComputedOncePerTrial() {
        List<ArchSpec> specs = spaceSpecs();
        long expected = 0;
        List<Layer> prev = List.of();
        for (ArchSpec s : specs) {
            int common = 0;
            while (common < prev.size() && common < s.layers().size() && prev.get(common).equals(s.layers().get(common))) {
                common++;
            }
            common -= common % 2; // cached levels are the relu outputs (conv outputs feed their relu)
            expected += (s.layers().size() - common) * 5L; // 3 train + 2 test batches
            prev = s.layers();
        }
        PrefixSweep.Stats[] stats = new PrefixSweep.Stats[1];
        sweepFeatures(specs, 0, EXACT, new ArrayList<>(), stats);
        assertThat(stats[0].layerBatches()).isEqualTo(expected);
    }

    @Test
    void withoutCacheBudgetEverythingIsRecomputedToTheSameFeatures() {
        List<ArchSpec> specs = mixedSpecs();
        PrefixSweep.Stats[] cached = new PrefixSweep.Stats[1];
        PrefixSweep.Stats[] none = new PrefixSweep.Stats[1];
        Map<ArchSpec, float[][]> a = sweepFeatures(specs, 1, EXACT, new ArrayList<>(), cached);
        Map<ArchSpec, float[][]> b = sweepFeatures(specs, 1, new PrefixSweep.Options(2, 0).with(LayerTimings.Choice.DIRECT), new ArrayList<>(), none);
        assertThat(none[0].cachedLevels()).isZero();
        assertThat(none[0].layerBatches()).isGreaterThan(cached[0].layerBatches());
        for (ArchSpec s : specs) {
            assertThat(b.get(s)[0]).isEqualTo(a.get(s)[0]);
            assertThat(b.get(s)[1]).isEqualTo(a.get(s)[1]);
        }
    }

    @Test
    void networksUnderTheThroughputCutNeverGetFeatures() {
        List<ArchSpec> specs = mixedSpecs();
        List<String> events = new ArrayList<>();
        try (PrefixSweep sweep = new PrefixSweep(DATA, SETTINGS)) {
            PrefixSweep.Stats all = sweep.run(specs, 0, Double.MAX_VALUE, new PrefixSweep.Listener() {
                @Override
                public void result(ArchSpec spec, TrialResult r) {
                    events.add("result");
                }

                @Override
                public void cut(ArchSpec spec, int trial, double throughput) {
                    assertThat(throughput).isPositive();
                    events.add("cut");
                }

                @Override
                public void features(ArchSpec spec, int trial, NDArray train, NDArray test) {
                    events.add("features");
                }
            });
            assertThat(events).hasSize(specs.size()).containsOnly("cut");
            assertThat(all.cut()).isEqualTo(specs.size());
            assertThat(all.layerBatches()).isZero();
            assertThat(all.cachedLevels()).isZero();
            events.clear();
            // with a cut between the fastest and the slowest network, the cut ones still get nothing
            List<Double> thr = new ArrayList<>();
            sweep.run(specs, 0, 0, (s, r) -> thr.add(r.throughput()));
            double mid = thr.stream().sorted().toList().get(thr.size() / 2);
            List<String> seq = new ArrayList<>();
            PrefixSweep.Stats some = sweep.run(specs, 0, mid, new PrefixSweep.Listener() {
                @Override
                public void result(ArchSpec spec, TrialResult r) {
                    assertThat(r.throughput()).isGreaterThanOrEqualTo(mid);
                    seq.add("result");
                }

                @Override
                public void cut(ArchSpec spec, int trial, double throughput) {
                    assertThat(throughput).isLessThan(mid);
                    seq.add("cut");
                }

                @Override
                public void features(ArchSpec spec, int trial, NDArray train, NDArray test) {
                    seq.add("features");
                }
            });
            assertThat(some.cut() + some.scored()).isEqualTo(specs.size());
            // per spec either "cut" alone or "features" then "result"
            assertThat(String.join(" ", seq) + " ").matches("((cut|features result) )+");
            assertThat(seq.stream().filter("cut"::equals).count()).isEqualTo(some.cut());
        }
    }

    /** As the search calls a prober: all trials of one spec, then the next spec. */
    @Test
    void asArchProberWithInterleavedTrialsItSharesPrefixesPerTrialAndMatchesLinearProbe() {
        List<ArchSpec> specs = mixedSpecs().subList(0, 4);
        NDManager m = NDManager.newBaseManager();
        try (PrefixSweep sweep = new PrefixSweep(DATA, SETTINGS, EXACT, m);
                LinearProbe alone = new LinearProbe(DATA, SETTINGS)) {
            long standalone = 0;
            for (ArchSpec spec : specs) {
                for (int trial = 0; trial < 3; trial++) {
                    TrialResult r = sweep.probe(spec, trial);
                    TrialResult a = alone.probe(spec, trial);
                    assertThat(r.trial()).isEqualTo(trial);
                    assertThat(r.testAccuracy()).isEqualTo(a.testAccuracy());
                    assertThat(r.trainAccuracy()).isEqualTo(a.trainAccuracy());
                    standalone += spec.layers().size() * 5L;
                }
            }
            // per trial: spec 2 reuses c6k3-relu (2 layers), spec 3 all of spec 2 (4), spec 4 c6k3-relu (2)
            assertThat(sweep.layerBatchesComputed()).isEqualTo(standalone - 3 * 5L * (2 + 4 + 2));
            sweep.release();
            assertThat(m.getManagedArrays()).hasSize(2);
        }
    }

    @Test
    void nativeMemoryHoldsOnlyTheCurrentPath() {
        NDManager m = NDManager.newBaseManager();
        try (PrefixSweep sweep = new PrefixSweep(DATA, SETTINGS, EXACT, m)) {
            List<ArchSpec> specs = spaceSpecs();
            sweep.run(specs, 0, 0, (s, r) -> {});
            // images (2) + at most 3 levels x (weight, bias, 5 cached batches) + the last spec's relus' 5 batches
            int afterFirst = m.getManagedArrays().size();
            assertThat(afterFirst).isLessThanOrEqualTo(2 + 6 * 7);
            sweep.run(specs, 0, 0, (s, r) -> {});
            assertThat(m.getManagedArrays()).hasSize(afterFirst);
            sweep.run(specs, 1, 0, (s, r) -> {}); // a second trial keeps a second path
            assertThat(m.getManagedArrays()).hasSize(2 * afterFirst - 2);
            sweep.release();
            assertThat(m.getManagedArrays()).hasSize(2);
        }
        assertThat(m.getManagedArrays()).isEmpty();
    }

    /**
     * A new level cached mid-network, the last level over the budget: the timing's outputs after the
     * cached level must not stay behind in that level's manager (DJL puts results in the first
     * operand's manager).
     */
    @Test
    void timingKeepsNothingButThePlannedLevels() {
        ArchSpec spec = SpecFormat.parse("c6k3-relu-c4k3-relu");
        long level1 = 4L * 6 * 14 * 14 * (40 + 24); // the first relu's output, all images
        NDManager m = NDManager.newBaseManager();
        try (PrefixSweep sweep = new PrefixSweep(DATA, SETTINGS, new PrefixSweep.Options(4, level1).with(LayerTimings.Choice.DIRECT), m)) {
            sweep.run(List.of(spec), 0, 0, (s, r) -> {});
            // images (2) + conv weights and biases (4) + the first relu's 5 cached batches
            assertThat(m.getManagedArrays()).hasSize(2 + 4 + 5);
        }
    }

    /** Trial-major rounds: when the budget runs short, earlier trials' paths make room for the current one. */
    @Test
    void aNewTrialEvictsOtherTrialsPathsWhenTheBudgetIsShort() {
        List<ArchSpec> specs = mixedSpecs().subList(0, 3);
        // room for the c6x14x14 relu output and the c4x6x6 relu output of one trial, not of two
        long oneTrial = 4L * (6 * 14 * 14 + 4 * 6 * 6) * (40 + 24);
        try (PrefixSweep sweep = new PrefixSweep(DATA, SETTINGS, new PrefixSweep.Options(1, oneTrial).with(LayerTimings.Choice.DIRECT), NDManager.newBaseManager())) {
            PrefixSweep.Stats t0 = sweep.run(specs, 0, 0, (s, r) -> {});
            PrefixSweep.Stats t1 = sweep.run(specs, 1, 0, (s, r) -> {});
            assertThat(t1.cachedLevels()).isEqualTo(t0.cachedLevels()).isPositive();
            assertThat(t1.layerBatches()).isEqualTo(t0.layerBatches());
        }
    }
}
