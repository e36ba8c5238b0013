package io.convprobe.bench;

import io.convprobe.probe.SweepFloor;
import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.RandomImages;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.store.TimingCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(log).anyMatch(l -> l.startsWith("shared-prefix sweep, run 1 (timing table cold, 9 shapes measured)"));
        // the floor: the sweep's own conv seconds, the activations priced by the table, the ridge's Gram products
        SweepFloor f = r.sweepStats().floor();
        assertThat(f.convSeconds()).isEqualTo(r.sweepStats().conv().directSeconds() + r.sweepStats().conv().fftSeconds());
        assertThat(f.activationSeconds()).isPositive();
        assertThat(f.gramSeconds()).isPositive().isLessThan(r.sweepStats().scoreSeconds());
        assertThat(f.seconds()).isLessThan(r.sweepSeconds());
        assertThat(r.sweeps()).hasSize(1);
        assertThat(r.sweeps().get(0).table()).isEqualTo("cold");
        String table = SearchBenchmark.table(r, null, "skipped");
        assertThat(table).contains("shared-prefix sweep, table cold").contains("its floor of")
                .contains("9 layer shapes measured");
    }

    private static final List<ArchSpec> SPECS = List.of("c4k3-relu-c4k3-relu", "c4k3-relu-c4k5-relu", "c4k5-relu")
            .stream().map(SpecFormat::parse).toList();

    private static SearchBenchmark.Result run(TimingCache cache, boolean retime, int runs) {
        try (RandomImages data = new RandomImages(Shape.chw(1, 12, 12), 500)) {
            return SearchBenchmark.run(data, SPECS, new SearchBenchmark.SweepRuns(cache, retime, runs), l -> { });
        }
    }

    /**
     * The sweep's table comes from the per-user timing cache as a search's does: an empty cache gives
     * a cold first run that fills it, the second run (and the next benchmark) measures nothing, and
     * --retime measures every shape again; the accuracies equal one at a time's in every run.
     */
    @Test
    void theSweepsTimingTableComesFromTheTimingCacheWarmAfterTheFirstRun(@TempDir Path dir) {
        try (TimingCache cache = TimingCache.open(dir, w -> { throw new AssertionError(w); })) {
            SearchBenchmark.Result first = run(cache, false, 2);
            assertThat(first.sweeps()).extracting(SearchBenchmark.SweepRun::table).containsExactly("cold", "warm");
            int shapes = first.layerShapes();
            assertThat(first.sweeps().get(0).stats().conv().measuredShapes()).isEqualTo(shapes);
            assertThat(first.sweeps().get(1).stats().conv().measuredShapes()).isZero();
            assertThat(first.sweeps().get(1).rowsKnown()).isEqualTo(shapes);
            assertThat(first.sweeps().get(1).stats().timingSeconds()).isLessThan(first.sweeps().get(0).stats().timingSeconds());
            assertThat(first.accuracyMismatches()).isZero();
            TimingCache.Key key = TimingCache.Key.current(EngineThreads.get(), 32);
            assertThat(cache.load(key)).hasSize(shapes);

            SearchBenchmark.Result again = run(cache, false, 1);
            assertThat(again.sweeps().get(0).table()).isEqualTo("warm");
            assertThat(again.sweeps().get(0).rowsKnown()).isEqualTo(shapes);

            SearchBenchmark.Result retimed = run(cache, true, 2);
            assertThat(retimed.sweeps()).extracting(SearchBenchmark.SweepRun::table).containsExactly("cold", "warm");
            assertThat(retimed.sweeps().get(0).stats().conv().measuredShapes()).isEqualTo(shapes);
            assertThat(retimed.accuracyMismatches()).isZero();
            assertThat(SearchBenchmark.table(retimed, null, "skipped")).contains("sweep run 1: timing table cold")
                    .contains("sweep run 2: timing table warm").contains("shared-prefix sweep, table warm");
        }
    }

    /** Without a cache the runs still share their rows: the second run is warm. */
    @Test
    void withoutACacheTheSecondRunStartsFromTheFirstRunsRows() {
        SearchBenchmark.Result r = run(TimingCache.disabled(), false, 2);
        assertThat(r.sweeps()).extracting(SearchBenchmark.SweepRun::table).containsExactly("cold", "warm");
    }
}
