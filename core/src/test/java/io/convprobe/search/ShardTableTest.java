package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.store.Sqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shards table: what a plan writes, what a resumed plan keeps, and how task outcomes are recorded. */
class ShardTableTest {
    @TempDir Path dir;
    private Sqlite sqlite;
    private Connection db;

    @BeforeEach
    void open() throws Exception {
        sqlite = Sqlite.openForWriting(dir.resolve("results.db"), dir);
        db = sqlite.connection();
    }

    @AfterEach
    void close() {
        sqlite.close();
    }

    /** Four architectures; at depth 1 the first conv splits them into two shards of two. */
    private static ShardPlan plan(int depth, ArchStatus... statuses) {
        String[] specs = {"ch=4 ks=3,3 st=1,1 di=1,1", "ch=4 ks=3,5 st=1,1 di=1,1", "ch=4 ks=5,3 st=1,1 di=1,1",
            "ch=4 ks=5,5 st=1,1 di=1,1"};
        List<ResultStore.ArchRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < specs.length; i++) {
            rows.add(new ResultStore.ArchRow(i, i, specs[i], statuses[i], 0.5, 100, 1000, 64));
        }
        return ShardPlan.of(rows, depth, specs2 -> specs2.size());
    }

    private static final ArchStatus P = ArchStatus.PENDING;
    private static final ArchStatus F = ArchStatus.FULL;

    @Test
    void aPlanWritesOneRowPerShardPendingUnlessNothingIsLeft() throws Exception {
        assertThat(ShardTable.all(db)).isEmpty(); // created on first use
        ShardTable.sync(db, plan(1, P, F, F, ArchStatus.CUT));
        List<ShardWriter.ShardStatus> rows = ShardTable.all(db);
        assertThat(rows).extracting(ShardWriter.ShardStatus::shard).containsExactly(0, 1);
        assertThat(rows).extracting(ShardWriter.ShardStatus::firstId).containsExactly(0L, 2L);
        assertThat(rows).extracting(ShardWriter.ShardStatus::lastId).containsExactly(1L, 3L);
        assertThat(rows).extracting(ShardWriter.ShardStatus::status).containsExactly("PENDING", "DONE");
        assertThat(rows).extracting(ShardWriter.ShardStatus::attempts).containsExactly(0, 0);
        assertThat(rows.get(0).prefix()).isEqualTo(plan(1, P, P, P, P).all().get(0).prefix()).isNotEmpty();
        assertThat(rows.get(0).host()).isNull();
    }

    @Test
    void completedAndFailedTasksAreRecordedWithTheirAttempts() throws Exception {
        ShardTable.sync(db, plan(1, P, P, P, P));
        ShardTable.completed(db, 0, 1, "worker-1", 2.5, null); // succeeded on the second try
        ShardTable.completed(db, 1, 0, "worker-2", 1.0, "2 architectures failed, e.g. boom");
        List<ShardWriter.ShardStatus> rows = ShardTable.all(db);
        assertThat(rows.get(0)).isEqualTo(new ShardWriter.ShardStatus(0, 0, 1, rows.get(0).prefix(), "DONE", 2,
                "worker-1", null));
        assertThat(rows.get(1)).isEqualTo(new ShardWriter.ShardStatus(1, 2, 3, rows.get(1).prefix(), "FAILED", 1,
                "worker-2", "2 architectures failed, e.g. boom"));
        ShardTable.failed(db, 1, 3, "cancelled");
        assertThat(ShardTable.all(db).get(1)).extracting(ShardWriter.ShardStatus::status, ShardWriter.ShardStatus::attempts,
                ShardWriter.ShardStatus::error, ShardWriter.ShardStatus::host).containsExactly("FAILED", 4, "cancelled",
                "worker-2");
    }

    @Test
    void aResumedPlanWithTheSameLayoutKeepsAttemptsAndHostsAndFollowsTheArchitectures() throws Exception {
        ShardTable.sync(db, plan(1, P, P, P, P));
        ShardTable.completed(db, 0, 0, "worker-1", 2.5, null);
        ShardTable.failed(db, 1, 2, "lost executor");
        // shard 0's architectures were reset to pending, shard 1's are still pending after its failure
        ShardTable.sync(db, plan(1, P, F, P, ArchStatus.FAILED));
        List<ShardWriter.ShardStatus> rows = ShardTable.all(db);
        assertThat(rows).extracting(ShardWriter.ShardStatus::status).containsExactly("PENDING", "FAILED");
        assertThat(rows).extracting(ShardWriter.ShardStatus::attempts).containsExactly(1, 2);
        assertThat(rows.get(0).host()).isEqualTo("worker-1");
        assertThat(rows.get(1).error()).isEqualTo("lost executor");
        // a later run finished shard 1's architectures some other way: the table follows them
        ShardTable.sync(db, plan(1, P, F, F, F));
        assertThat(ShardTable.all(db)).extracting(ShardWriter.ShardStatus::status).containsExactly("PENDING", "DONE");
    }

    @Test
    void anotherLayoutReplacesTheRows() throws Exception {
        ShardTable.sync(db, plan(1, P, P, P, P));
        ShardTable.completed(db, 0, 0, "worker-1", 2.5, null);
        ShardTable.sync(db, plan(0, P, P, P, P)); // one shard over all four
        List<ShardWriter.ShardStatus> rows = ShardTable.all(db);
        assertThat(rows).singleElement().isEqualTo(new ShardWriter.ShardStatus(0, 0, 3, "", "PENDING", 0, null, null));
    }
}
