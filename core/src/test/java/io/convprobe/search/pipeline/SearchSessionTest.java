package io.convprobe.search.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.data.ShapeOnlyDataset;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.proxy.Proxies;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.FakeProber;
import io.convprobe.search.Progress;
import io.convprobe.search.RankScore;
import io.convprobe.search.ResultStore;
import io.convprobe.search.ResultsCsv;
import io.convprobe.search.SearchConfig;
import io.convprobe.search.SearchCounts;
import io.convprobe.search.SearchEngine;
import io.convprobe.search.SearchFixture;
import io.convprobe.search.SearchJob;
import io.convprobe.search.strategy.Exhaustive;
import io.convprobe.search.strategy.Halving;
import io.convprobe.search.strategy.Listed;
import io.convprobe.search.strategy.Objective;
import io.convprobe.search.strategy.SearchStrategy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline of one search with the fake prober: strategies, store, results, resume, refusals. */
class SearchSessionTest {
    private final SearchFixture fx = new SearchFixture();
    private final FakeProber prober = new FakeProber();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final ProberFactory factory = (data, settings, threads, mode, memory) -> prober;

    private static final Dataset DATA = new ShapeOnlyDataset("fake", SearchFixture.INPUT, 600);

    private SearchSession.Request request(SearchStrategy s, Path dir, SearchSession.Remote remote) {
        return new SearchSession.Request(s, SearchFixture.SPACE.rich(), null, SearchFixture.RATIO, SearchFixture.SETTINGS,
                Proxies.none(), 1, ProberFactory.Mode.sweep, LayerTimings.Choice.MEASURED, io.convprobe.memory.MemoryBudget.NONE, dir, null, 0.3,
                remote);
    }

    private SearchSession session(SearchSession.Request r) {
        return new SearchSession(r, DATA, factory, fx.progress, err);
    }

    private static List<String> tables(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ResultStore.DB_FILE));
                var rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void exhaustiveRunsThroughItsStrategyStoresScoresAndResumes(@TempDir Path dir) throws Exception {
        SearchSession.Outcome o = session(request(new Exhaustive(), dir, null)).run();
        long[] n = SearchFixture.expected();
        assertThat(o.counts().invalidShape()).isEqualTo(n[0]);
        assertThat(o.counts().cut()).isEqualTo(n[2]);
        assertThat(o.counts().full()).isEqualTo(n[3]);
        assertThat(o.resumed()).isFalse();
        assertThat(o.score().name()).isEqualTo(RankScore.RIDGE); // no proxies stored: the published score
        assertThat(o.top()).hasSize(10);
        assertThat(o.config()).isEqualTo(new SearchConfig("fake", SearchFixture.INPUT, SearchFixture.SETTINGS,
                SearchFixture.candidates().describe()));
        assertThat(dir.resolve(ResultsCsv.FILE)).exists();
        assertThat(tables(dir)).doesNotContain("fidelity_trials", "evolution"); // an exhaustive store has no strategy tables
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("search: new run").contains("probing took");
        int calls = prober.calls.size();
        SearchSession.Outcome again = session(request(new Exhaustive(), dir, null)).run();
        assertThat(again.resumed()).isTrue();
        assertThat(prober.calls).hasSize(calls);
        assertThat(again.counts()).isEqualTo(o.counts());
    }

    @Test
    void listedSpecsRunWithoutASpace(@TempDir Path dir) throws Exception {
        List<String> picks = new ArrayList<>();
        SearchFixture.candidates().forEach(c -> {
            if (c.status() == ArchStatus.PENDING && picks.size() < 2) {
                picks.add(SpecFormat.toText(c.spec()));
            }
        });
        Path file = dir.resolve("picks.txt");
        Files.writeString(file, "# two picks\n" + String.join("\n", picks) + "\n");
        SearchSession.Request r = new SearchSession.Request(new Listed(file), null, file, SearchFixture.RATIO,
                SearchFixture.SETTINGS, Proxies.none(), 1, ProberFactory.Mode.sweep, LayerTimings.Choice.MEASURED,
                io.convprobe.memory.MemoryBudget.NONE, dir.resolve("run"), null, 0.3, null);
        SearchSession.Outcome o = session(r).run();
        assertThat(o.counts().candidates()).isEqualTo(2);
        assertThat(prober.calls).isNotEmpty().allMatch(c -> c.startsWith(picks.get(0) + "#") || c.startsWith(picks.get(1) + "#"));
        try (ResultStore s = ResultStore.open(dir.resolve("run"))) {
            assertThat(s.meta()).containsEntry("archs_file", file.toString());
        }
    }

    @Test
    void halvingKeepsItsRungsAndLogsWhatItSpent(@TempDir Path dir) throws Exception {
        SearchSession.Outcome o = session(request(new Halving(60_000, 3, 100, 1, new Objective("accuracy", 0.3)), dir,
                null)).run();
        assertThat(o.counts().full()).isPositive();
        assertThat(tables(dir)).contains("fidelity_trials", "evolution");
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("image-passes spent");
    }

    @Test
    void refusesWhatCannotRun(@TempDir Path dir) {
        SearchEngine engine = new SearchEngine() {
            public String name() {
                return "elsewhere";
            }

            public SearchCounts run(SearchJob job, ResultStore store, Progress progress, Consumer<String> log) {
                throw new AssertionError("not reached");
            }
        };
        SearchSession.Remote remote = new SearchSession.Remote(engine, "elsewhere", threads -> prober, null, 2, null,
                java.util.Map.of());
        assertThatThrownBy(() -> session(request(new Halving(60_000, 3, 100, 1, new Objective("accuracy", 0.3)), dir,
                remote))).isInstanceOf(UserException.class).hasMessageContaining("--engine elsewhere runs exhaustive");
        SearchSession.Request big = new SearchSession.Request(new Exhaustive(), SearchFixture.SPACE.rich(), null,
                SearchFixture.RATIO, new ProbeSettings(1000, 500, 3, 25, 200, 0, 32, 0.3), Proxies.none(), 1,
                ProberFactory.Mode.sweep, LayerTimings.Choice.MEASURED, io.convprobe.memory.MemoryBudget.NONE, dir, null, 0.3, null);
        assertThatThrownBy(() -> session(big)).isInstanceOf(UserException.class)
                .hasMessageContaining("--train-size 1000: dataset fake has only 600 train images");
        assertThat(dir.resolve(ResultStore.DB_FILE)).doesNotExist();
    }
}
