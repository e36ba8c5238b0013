package io.convprobe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.probe.TrialResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialTableTest {
    @TempDir Path dir;

    private static Sqlite withArchs(Path dir, int n) throws Exception {
        Sqlite db = StoreFixture.open(dir);
        db.inTransaction("archs", c -> {
            new ArchTable(c).insertAll(sink -> {
                for (int i = 0; i < n; i++) {
                    sink.accept(StoreFixture.row(i, "ch=4 ks=" + (3 + 2 * i) + " st=1 di=1", "PENDING"));
                }
            });
            return null;
        });
        return db;
    }

    private static void add(Sqlite db, long archId, TrialResult r) {
        db.inTransaction("cannot store trial " + r.trial(), c -> {
            new TrialTable(c).insert(archId, r);
            return null;
        });
    }

    @Test
    void trialsRoundTripWithTheirProxiesAndMissingAccuracyAsNaN() throws Exception {
        try (Sqlite db = withArchs(dir, 1)) {
            TrialTable t = new TrialTable(db.connection());
            TrialResult cutOnThroughput = new TrialResult(0, Double.NaN, Double.NaN, 12.5, 0.0, 0,
                    Map.of("naswot", 3.5, "synflow", Double.NaN));
            TrialResult second = new TrialResult(1, 41.25, 60.5, 1234.5, 0.75, 64);
            add(db, 0, cutOnThroughput);
            add(db, 0, second);
            assertThat(db.<List<TrialResult>>read("of", c -> t.of(0))).containsExactly(cutOnThroughput, second);
            assertThat(db.<Boolean>read("has", c -> t.has(0, 1))).isTrue();
            assertThat(db.<Boolean>read("has", c -> t.has(0, 2))).isFalse();
            assertThat(db.<Long>read("count", c -> t.count())).isEqualTo(2);
            assertThat(db.<Map<Long, Double>>read("trial 0", c -> t.trial0Accuracies())).isEmpty(); // trial 0 has no accuracy
        }
    }

    @Test
    void aTrialIsStoredOnceAndAFailedInsertLeavesNoProxies() throws Exception {
        try (Sqlite db = withArchs(dir, 1)) {
            TrialResult t = new TrialResult(0, 30, 40, 100, 0.1, 8, Map.of("naswot", 1.0));
            add(db, 0, t);
            assertThatThrownBy(() -> add(db, 0, new TrialResult(0, 31, 41, 100, 0.1, 8, Map.of("synflow", 2.0))))
                    .isInstanceOf(UserException.class).hasMessageContaining("cannot store trial 0");
            assertThat(db.<List<TrialResult>>read("of", c -> new TrialTable(c).of(0))).containsExactly(t);
            assertThat(db.<Long>read("proxies", c -> Sqlite.queryLong(c, "SELECT COUNT(*) FROM proxies"))).isEqualTo(1);
        }
    }

    @Test
    void aTrialOfAnUnknownArchitectureIsRefused() throws Exception {
        try (Sqlite db = withArchs(dir, 1)) {
            assertThatThrownBy(() -> add(db, 5, new TrialResult(0, 30, 40, 100, 0.1, 8)))
                    .isInstanceOf(UserException.class); // foreign key on archs(id)
        }
    }

    @Test
    void aWholeRunIsReadArchitectureByArchitectureInIdOrder() throws Exception {
        try (Sqlite db = withArchs(dir, 4)) {
            add(db, 2, new TrialResult(0, 20, 30, 100, 0.1, 8, Map.of("naswot", 2.0)));
            add(db, 0, new TrialResult(1, 11, 21, 101, 0.1, 8));
            add(db, 0, new TrialResult(0, 10, 20, 100, 0.1, 8, Map.of("naswot", 1.0)));
            Map<Long, List<TrialResult>> seen = new LinkedHashMap<>();
            List<ArchTable.Row> rows = new ArrayList<>();
            db.read("all", c -> {
                new TrialTable(c).forEachTried((row, trials) -> {
                    rows.add(row);
                    seen.put(row.id(), trials);
                });
                return null;
            });
            assertThat(seen.keySet()).containsExactly(0L, 2L); // 1 and 3 have no trial
            assertThat(rows.get(1)).isEqualTo(StoreFixture.row(2, "ch=4 ks=7 st=1 di=1", "PENDING"));
            assertThat(seen.get(0L)).extracting(TrialResult::trial).containsExactly(0, 1);
            assertThat(seen.get(0L).get(0).proxies()).isEqualTo(Map.of("naswot", 1.0));
            assertThat(seen.get(0L).get(1).proxies()).isEmpty();
            assertThat(seen.get(2L).get(0).proxies()).isEqualTo(Map.of("naswot", 2.0));
            assertThat(db.<Map<Long, Double>>read("trial 0", c -> new TrialTable(c).trial0Accuracies())).isEqualTo(Map.of(0L, 10.0, 2L, 20.0));
        }
    }

    @Test
    void aReplacedProxyGoesOnEveryStoredTrialOfTheGivenArchitectures() throws Exception {
        try (Sqlite db = withArchs(dir, 2)) {
            add(db, 0, new TrialResult(0, 10, 20, 100, 0.1, 8, Map.of("combined", 9.0)));
            add(db, 0, new TrialResult(1, 10, 20, 100, 0.1, 8));
            add(db, 1, new TrialResult(0, 10, 20, 100, 0.1, 8, Map.of("combined", 9.0)));
            db.inTransaction("replace", c -> {
                new ProxyTable(c).replace("combined", Map.of(0L, 0.5));
                return null;
            });
            Map<Long, Map<Integer, Map<String, Double>>> all = db.read("all", c -> new ProxyTable(c).all());
            assertThat(all).isEqualTo(Map.of(0L, Map.of(0, Map.of("combined", 0.5), 1, Map.of("combined", 0.5))));
        }
    }
}
