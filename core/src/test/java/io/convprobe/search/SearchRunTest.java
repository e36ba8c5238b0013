package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchRunTest {
    @TempDir Path dir;
    private final SearchFixture fx = new SearchFixture();

    @Test
    void countsAddUpAndOnlyPassingArchitecturesGetMoreTrials() {
        long[] exp = SearchFixture.expected();
        assertThat(exp[0]).as("the space must have shape-invalid specs").isPositive();
        assertThat(exp[1]).as("and ratio-invalid ones").isPositive();
        assertThat(exp[2]).as("and cut ones").isPositive();
        assertThat(exp[3]).as("and full ones").isPositive();

        FakeProber prober = new FakeProber();
        SearchCounts c = fx.run(dir, prober);

        assertThat(c).isEqualTo(new SearchCounts(SearchFixture.SPACE.size(), exp[0], exp[1], exp[2], exp[3], 0, 0));
        assertThat(c.finished()).isTrue();
        assertThat(prober.calls).hasSize((int) (exp[2] + 3 * exp[3]));
        assertThat(new HashSet<>(prober.calls)).hasSameSizeAs(prober.calls);

        RunResults r = ResultStore.read(dir, 0.3);
        assertThat(r.counts()).isEqualTo(c);
        assertThat(r.archs()).hasSize((int) (exp[2] + exp[3]));
        for (ArchAggregate a : r.archs()) {
            assertThat(a.trials()).isEqualTo(a.status() == ArchStatus.FULL ? 3 : 1);
            if (a.status() == ArchStatus.CUT) {
                assertThat(a.accuracy() < 25 || a.throughput() < 200).isTrue();
            } else {
                assertThat(a.accuracy()).isGreaterThanOrEqualTo(25);
                assertThat(a.ratio()).isLessThanOrEqualTo(0.5);
                assertThat(a.fitness()).isBetween(0.0, 1.3);
            }
        }
        assertThat(r.top(10)).hasSize((int) Math.min(10, exp[3]));
        assertThat(r.config()).containsEntry("dataset", "fake").containsEntry("trials", 3);
        assertThat(r.meta()).containsEntry("convprobe_version", "test").containsKey("created_at");
    }

    @Test
    void roundsRecordEachTrialsArchitecturesAndTime() {
        long[] exp = SearchFixture.expected();
        try (ResultStore store = ResultStore.openForSearch(dir)) {
            store.begin(SearchFixture.config(SearchFixture.SETTINGS), SearchFixture.META, SearchFixture.candidates(), w -> { });
            SearchRun run = new SearchRun(store, new FakeProber(), TrialPolicy.of(SearchFixture.SETTINGS), fx.progress,
                    l -> { });
            run.run();
            assertThat(run.rounds()).extracting(SearchRun.Round::trial).containsExactly(0, 1, 2);
            assertThat(run.rounds()).extracting(SearchRun.Round::archs)
                    .containsExactly((int) (exp[2] + exp[3]), (int) exp[3], (int) exp[3]); // only passers go on
            assertThat(run.rounds()).allSatisfy(r -> assertThat(r.seconds()).isNotNegative());
        }
        String line = SearchRun.Round.describe(java.util.List.of(new SearchRun.Round(0, 1200, 30.25),
                new SearchRun.Round(1, 40, 2.0)), 1.5);
        assertThat(line).isEqualTo("probing took 32.3 s: trial 0 1,200 archs 30.3 s, trial 1 40 archs 2.0 s; "
                + "1.5 s of it measured new timing-table rows");
        assertThat(SearchRun.Round.describe(java.util.List.of(new SearchRun.Round(0, 3, 1.0)), 0))
                .isEqualTo("probing took 1.0 s: trial 0 3 archs 1.0 s");
    }

    @Test
    void resumeAfterACrashRecomputesNothingAndDuplicatesNothing() throws Exception {
        long[] exp = SearchFixture.expected();
        int total = (int) (exp[2] + 3 * exp[3]);
        FakeProber first = new FakeProber();
        first.crashAfter = 11; // mid-way through some architecture's trials
        assertThatThrownBy(() -> fx.run(dir, first)).isInstanceOf(FakeProber.SimulatedCrash.class);
        assertThat(first.calls).hasSize(11);
        try (ResultStore s = ResultStore.open(dir)) {
            assertThat(s.trialCount()).isEqualTo(11); // everything completed before the crash is stored
            assertThat(s.counts().pending()).isPositive();
        }

        FakeProber second = new FakeProber();
        SearchCounts c = fx.run(dir, second);

        assertThat(second.calls).hasSize(total - 11);
        Set<String> overlap = new HashSet<>(first.calls);
        overlap.retainAll(second.calls);
        assertThat(overlap).as("trials run twice").isEmpty();
        assertThat(c.full()).isEqualTo(exp[3]);
        assertThat(c.cut()).isEqualTo(exp[2]);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ResultStore.DB_FILE));
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT arch_id * 100 + trial) FROM trials")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(total);
            assertThat(rs.getLong(2)).isEqualTo(total);
        }

        FakeProber third = new FakeProber();
        assertThat(fx.run(dir, third)).isEqualTo(c);
        assertThat(third.calls).as("a finished run has nothing left to do").isEmpty();
    }

    @Test
    void aFailingArchitectureIsMarkedAndRetriedOnResume() {
        FakeProber probe = new FakeProber();
        String victim = io.convprobe.arch.SpecFormat.toText(firstValidSpec());
        probe.failOn = victim;
        SearchCounts c = fx.run(dir, probe);
        assertThat(c.failed()).isEqualTo(1);
        assertThat(c.full() + c.cut()).isEqualTo(c.valid() - 1);

        FakeProber retry = new FakeProber();
        SearchCounts after = fx.run(dir, retry);
        assertThat(after.failed()).isZero();
        assertThat(retry.calls).allMatch(s -> s.startsWith(victim + "#"));
        assertThat(retry.calls).isNotEmpty();
    }

    private static io.convprobe.arch.ArchSpec firstValidSpec() {
        io.convprobe.arch.ArchSpec[] out = {null};
        SearchFixture.candidates().forEach(c -> {
            if (out[0] == null && c.status() == ArchStatus.PENDING) {
                out[0] = c.spec();
            }
        });
        return out[0];
    }

    @Test
    void trialsRunTrialMajorInSearchOrder() {
        FakeProber prober = new FakeProber();
        fx.run(dir, prober);
        // every trial 0 comes before any trial 1, every trial 1 before any trial 2
        int lastTrial = 0;
        for (String call : prober.calls) {
            int trial = Integer.parseInt(call.substring(call.indexOf('#') + 1));
            assertThat(trial).as("trial order").isGreaterThanOrEqualTo(lastTrial);
            lastTrial = trial;
        }
    }

    @Test
    void throughputCutStoresNoAccuracyAndNeverComputesFeatures() throws Exception {
        FakeProber prober = new FakeProber();
        prober.cutsBeforeFeatures = true;
        SearchCounts c = fx.run(dir, prober);
        long timedOnly = prober.calls.stream().filter(x -> x.endsWith("(timed only)")).count();
        assertThat(timedOnly).as("some architectures are below 200 img/s").isPositive();
        long[] exp = SearchFixture.expected();
        assertThat(c.cut()).isEqualTo(exp[2]);
        assertThat(c.full()).isEqualTo(exp[3]);
        RunResults r = ResultStore.read(dir, 0.3);
        long nanCut = r.archs().stream().filter(a -> a.status() == ArchStatus.CUT && Double.isNaN(a.accuracy())).count();
        assertThat(nanCut).isEqualTo(timedOnly);
        assertThat(r.trial0Accuracy()).hasSize((int) (r.archs().size() - timedOnly));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ResultStore.DB_FILE));
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM trials WHERE test_accuracy IS NULL")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(timedOnly);
        }
    }
}
