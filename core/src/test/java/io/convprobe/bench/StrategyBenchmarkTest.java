package io.convprobe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.data.ShapeOnlyDataset;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import io.convprobe.proxy.Proxies;
import io.convprobe.search.pipeline.ProberFactory;
import io.convprobe.search.Progress;
import io.convprobe.search.pipeline.SearchSession;
import io.convprobe.search.strategy.Exhaustive;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import io.convprobe.space.SearchSpace;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strategy benchmark on a small space with a deterministic fake prober: counts, costs, the cache. */
class StrategyBenchmarkTest {
    private static final Shape INPUT = Shape.chw(1, 12, 12);
    private static final RichSpace SPACE = new SearchSpace(2, 2, List.of(4), List.of(3, 5, 7, 9), List.of(1, 2),
            List.of(1, 2), List.of(0), List.of(Layer.Activation.RELU)).rich();
    private static final RatioRange RATIO = new RatioRange(0, 1);
    private static final ProbeSettings SETTINGS = new ProbeSettings(500, 500, 2, 25, 200, 0, 32, 0.3);
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private final AtomicInteger realProbes = new AtomicInteger();

    /** Accuracy 30..69.9 % from the spec's text (every network passes), a little lower on small fidelities. */
    private ArchProber fake(int train) {
        return (ArchSpec spec, int trial) -> {
            realProbes.incrementAndGet();
            String s = SpecFormat.toText(spec);
            double acc = 30 + Math.floorMod(s.hashCode(), 400) / 10.0 - (train < 500 ? 5 : 0) + trial * 0.01;
            return new TrialResult(trial, acc, acc + 10, 1000, 0.1, 64);
        };
    }

    private static final Dataset DATA = new ShapeOnlyDataset("tiny", INPUT, 600);

    /** The exhaustive answer, screened through the search's pipeline with the fake prober. */
    private void screen(Path dir) {
        SearchSession.Request r = new SearchSession.Request(new Exhaustive(), SPACE, null, RATIO, SETTINGS,
                Proxies.none(), 1, ProberFactory.Mode.sweep, LayerTimings.Choice.MEASURED, io.convprobe.memory.MemoryBudget.NONE, dir, null, 0.3,
                null);
        ProberFactory factory = (d, s, threads, mode, cache) -> fake(s.trainSize());
        new SearchSession(r, DATA, factory, new Progress(QUIET, false, Long.MAX_VALUE, System::nanoTime), QUIET).run();
    }

    private StrategyBenchmark.Result run(Path dir) {
        StrategyBenchmark b = new StrategyBenchmark(SPACE, DATA, RATIO, SETTINGS, dir.resolve("cache.db"),
                (train, test) -> fake(train), line -> { });
        b.preload(dir.resolve("exhaustive"));
        StrategyBenchmark.Result r = b.run(dir.resolve("exhaustive"), dir.resolve("runs"), new double[] {0.3},
                new long[] {1, 2}, 4, 2, 3, 100);
        b.close();
        return r;
    }

    @Test
    void measuresEachStrategyAgainstTheExhaustiveAnswerFromTheCache(@TempDir Path dir) {
        long valid = SPACE.count(INPUT, RATIO).valid();
        assertThat(StrategyBenchmark.complete(dir.resolve("exhaustive"), SETTINGS, valid)).isFalse();
        screen(dir.resolve("exhaustive"));
        assertThat(StrategyBenchmark.complete(dir.resolve("exhaustive"), SETTINGS, valid)).isTrue();
        int screenProbes = realProbes.get();
        assertThat(screenProbes).isEqualTo(2 * valid); // every network passes: two trials each

        StrategyBenchmark.Result r = run(dir);
        assertThat(r.valid()).isEqualTo(valid);
        assertThat(r.exhaustiveCost()).isEqualTo(2 * valid * 1000);
        assertThat(r.top10()).hasSize(10).doesNotHaveDuplicates();
        assertThat(r.rows()).extracting(StrategyBenchmark.Row::strategy)
                .containsExactly("random", "halving", "evolution", "random", "halving", "evolution");
        for (StrategyBenchmark.Row row : r.rows()) {
            assertThat(row.found()).as(row.toString()).isBetween(0, 10);
            assertThat(row.imagePasses()).as(row.toString()).isPositive();
            assertThat(row.costFraction()).as(row.toString()).isEqualTo((double) row.imagePasses() / r.exhaustiveCost());
        }
        // random spends whole networks at the full protocol: its cost is the share of networks it probed
        StrategyBenchmark.Row random = r.rows().get(0);
        assertThat(random.fullyTested()).isEqualTo(Math.round(0.3 * valid));
        assertThat(random.costFraction()).isCloseTo((double) random.fullyTested() / valid,
                org.assertj.core.data.Offset.offset(1e-12));
        // halving's rung 0 ran at 100/100 images: the agreement with the full protocol is measured
        assertThat(r.spearmanN()).isPositive();
        assertThat(r.spearmanRung0()).isBetween(-1.0, 1.0);

        // full-protocol probes come from the cache: a second benchmark probes only what is new, the same rows
        List<StrategyBenchmark.Row> first = new ArrayList<>(r.rows());
        int before = realProbes.get();
        StrategyBenchmark.Result again = run(dir);
        assertThat(realProbes.get()).isEqualTo(before);
        assertThat(again.rows()).isEqualTo(first);
    }

    @Test
    void summaryAndTable() {
        List<StrategyBenchmark.Row> rows = List.of(new StrategyBenchmark.Row("halving", 0.2, 1, 8, 10, 0.2, 5),
                new StrategyBenchmark.Row("halving", 0.2, 2, 6, 20, 0.3, 5));
        double[] v = StrategyBenchmark.summary(rows).get("halving").get(0.2);
        assertThat(v).containsExactly(14, 0.5, 2, 6, 8);
        String table = StrategyBenchmark.table(new StrategyBenchmark.Result(100, 1000, List.of(), rows, 0.5, 40), 3);
        assertThat(table).contains("halving").contains("7.0").contains("6..8")
                .contains("goal halving >= 8/10 at <= 35 % cost: MISSED (best within the cost: 7.0 at 25.0 %)");
    }
}
