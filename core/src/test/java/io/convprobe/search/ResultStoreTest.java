package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
    @TempDir Path dir;

    private ResultStore started() {
        ResultStore s = ResultStore.openForSearch(dir);
        s.begin(SearchFixture.config(SearchFixture.SETTINGS), SearchFixture.META, SearchFixture.candidates(), w -> { });
        return s;
    }

    @Test
    void theStoreIsWrittenThroughTheWriteAheadLog() throws Exception {
        started().close(); // the rest of the durability rules: store.SqliteTest
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ResultStore.DB_FILE));
                Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal"); // persistent in the file
        }
    }

    @Test
    void everyCandidateIsRegisteredWithItsStatusAndShapeNumbers() throws Exception {
        try (ResultStore s = started()) {
            SearchCounts c = s.counts();
            assertThat(c.candidates()).isEqualTo(SearchFixture.SPACE.size());
            assertThat(c.invalidShape()).isEqualTo(SearchFixture.expected()[0]);
            assertThat(c.ratioOutOfRange()).isEqualTo(SearchFixture.expected()[1]);
            assertThat(c.pending()).isEqualTo(c.valid());
            assertThat(s.idsNeedingWork()).hasSize((int) c.valid());
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ResultStore.DB_FILE));
                Statement st = db.createStatement()) {
            // space index 0 of this space is ks=3,3 st=1,1 di=1,1 on 1x12x12: 4x8x8 out, 544 params
            try (ResultSet rs = st.executeQuery("SELECT space_index, spec, status, ratio, params, features "
                    + "FROM archs WHERE id = 0")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isZero();
                assertThat(rs.getString(2)).isEqualTo("ch=4 ks=3,3 st=1,1 di=1,1");
                assertThat(rs.getString(3)).isEqualTo("RATIO_OUT_OF_RANGE"); // 256/144 > 0.5
                assertThat(rs.getDouble(4)).isEqualTo(256.0 / 144);
                assertThat(rs.getLong(5)).isEqualTo(4 * 9 + 4 + 4 * 4 * 9 + 4);
                assertThat(rs.getLong(6)).isEqualTo(256);
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM archs WHERE status = 'INVALID_SHAPE' "
                    + "AND ratio IS NULL AND params IS NULL")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(SearchFixture.expected()[0]);
            }
        }
    }

    @Test
    void proxiesAreStoredWithTheirTrialAndAveragedPerArchitecture() {
        long id;
        try (ResultStore s = started()) {
            id = s.idsNeedingWork()[0];
            s.addTrial(id, new TrialResult(0, 40, 50, 1000, 0.1, 256, Map.of("naswot", 10.0, "synflow", Double.NaN)),
                    ArchStatus.PENDING);
            s.addTrial(id, new TrialResult(1, 42, 52, 1000, 0.1, 256, Map.of("naswot", 14.0, "synflow", 3.0)),
                    ArchStatus.FULL);
            assertThat(s.trials(id)).extracting(TrialResult::proxies)
                    .containsExactly(Map.of("naswot", 10.0, "synflow", Double.NaN), Map.of("naswot", 14.0, "synflow", 3.0));
        }
        try (ResultStore s = ResultStore.open(dir)) {
            ArchAggregate a = s.aggregates().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
            assertThat(a.proxies()).containsEntry("naswot", 12.0).containsEntry("synflow", 3.0); // NaN skipped
        }
    }

    @Test
    void aTrialIsStoredOnceWithItsStatus() throws Exception {
        try (ResultStore s = started()) {
            long id = s.idsNeedingWork()[0];
            TrialResult t = new TrialResult(0, 31.5, 50.25, 1234.5, 0.75, 64);
            s.addTrial(id, t, ArchStatus.CUT);
            assertThat(s.trials(id)).containsExactly(t);
            assertThat(s.arch(id).status()).isEqualTo(ArchStatus.CUT);
            assertThatThrownBy(() -> s.addTrial(id, t, ArchStatus.CUT)).isInstanceOf(UserException.class)
                    .hasMessageContaining("cannot store trial 0");
            assertThat(s.trialCount()).isEqualTo(1);
            assertThat(s.idsNeedingWork()).doesNotContain(id);
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ResultStore.DB_FILE));
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT trial, test_accuracy, train_accuracy, throughput, "
                        + "ridge_seconds, features, finished_at FROM trials")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(2)).isEqualTo(31.5);
            assertThat(rs.getDouble(4)).isEqualTo(1234.5);
            assertThat(rs.getString(7)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aDifferentConfigurationIsRefusedNamingTheDifference() {
        started().close();
        ProbeSettings other = new ProbeSettings(500, 500, 5, 25, 200, 0, 32, 0.3);
        try (ResultStore s = ResultStore.openForSearch(dir)) {
            assertThatThrownBy(() -> s.begin(SearchFixture.config(other), SearchFixture.META,
                    SearchFixture.candidates(), w -> { }))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("was created with a different configuration")
                    .hasMessageContaining("trials 3 ≠ 5");
        }
    }

    @Test
    void changedVersionsOnlyWarnAndTheWeightIsNotPartOfTheConfiguration() {
        started().close();
        ProbeSettings reweighted = new ProbeSettings(500, 500, 3, 25, 200, 0, 32, 1.0);
        List<String> warnings = new ArrayList<>();
        try (ResultStore s = ResultStore.openForSearch(dir)) {
            boolean resumed = s.begin(SearchFixture.config(reweighted), Map.of("convprobe_version", "9.9", "threads", "1"),
                    SearchFixture.candidates(), warnings::add);
            assertThat(resumed).isTrue();
            assertThat(s.counts().candidates()).isEqualTo(SearchFixture.SPACE.size()); // not registered twice
        }
        assertThat(warnings).singleElement().asString().contains("convprobe_version test, now 9.9");
    }

    @Test
    void oneSearchPerRunDirectory() {
        try (ResultStore s = started()) {
            assertThatThrownBy(() -> ResultStore.openForSearch(dir)).isInstanceOf(UserException.class)
                    .hasMessageContaining("in use by another convprobe search");
            // readers are welcome while a search writes
            assertThat(ResultStore.read(dir, 0.3).counts().candidates()).isEqualTo(SearchFixture.SPACE.size());
        }
    }

    @Test
    void readingSomethingElseIsAUserError() throws Exception {
        assertThatThrownBy(() -> ResultStore.open(dir)).isInstanceOf(UserException.class)
                .hasMessageContaining("not a search run directory");
        Files.writeString(dir.resolve(ResultStore.DB_FILE), "not a database at all, just text padding it out".repeat(40));
        assertThatThrownBy(() -> ResultStore.open(dir)).isInstanceOf(UserException.class);
    }
}
