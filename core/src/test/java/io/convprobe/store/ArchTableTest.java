package io.convprobe.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchTableTest {
    @TempDir Path dir;

    @Test
    void rowsRoundTripWithUnknownShapeNumbersAsNull() throws Exception {
        try (Sqlite db = StoreFixture.open(dir)) {
            ArchTable t = new ArchTable(db.connection());
            ArchTable.Row shaped = StoreFixture.row(0, "ch=4 ks=3,3 st=1,1 di=1,1", "PENDING");
            ArchTable.Row invalid = new ArchTable.Row(1, -1, "ch=4 ks=9,9 st=1,1 di=1,1", "INVALID_SHAPE", Double.NaN,
                    -1, -1, -1);
            db.inTransaction("insert", c -> {
                t.insertAll(sink -> List.of(shaped, invalid).forEach(sink));
                return null;
            });
            assertThat(db.<ArchTable.Row>read("row", c -> t.row(0))).isEqualTo(shaped);
            assertThat(db.<ArchTable.Row>read("row", c -> t.row(1))).isEqualTo(invalid);
            assertThat(db.<ArchTable.Row>read("row", c -> t.row(2))).isNull();
            assertThat(db.<Long>read("nulls", c -> Sqlite.queryLong(c, "SELECT COUNT(*) FROM archs WHERE space_index IS NULL "
                    + "AND ratio IS NULL AND params IS NULL AND macs IS NULL AND features IS NULL"))).isEqualTo(1);
        }
    }

    @Test
    void manyRowsGoInBatchesAndComeBackInIdOrder() throws Exception {
        int n = 10_000; // more than two batches
        try (Sqlite db = StoreFixture.open(dir)) {
            ArchTable t = new ArchTable(db.connection());
            db.inTransaction("insert", c -> {
                t.insertAll(sink -> {
                    for (int i = 0; i < n; i++) {
                        sink.accept(StoreFixture.row(i, "ch=4 ks=3 st=1 di=1", i % 3 == 0 ? "PENDING" : "FULL"));
                    }
                });
                return null;
            });
            List<Long> ids = new ArrayList<>();
            db.read("all", c -> {
                t.forEach(r -> ids.add(r.id()));
                return null;
            });
            assertThat(ids).hasSize(n).isSorted();
            assertThat(db.<Map<String, Long>>read("count", c -> t.countByStatus())).containsExactlyInAnyOrderEntriesOf(
                    Map.of("PENDING", (long) (n + 2) / 3, "FULL", (long) n - (n + 2) / 3));
        }
    }

    @Test
    void statusesAreFilteredCountedAndUpdated() throws Exception {
        try (Sqlite db = StoreFixture.open(dir)) {
            ArchTable t = new ArchTable(db.connection());
            db.inTransaction("insert", c -> {
                t.insertAll(sink -> {
                    sink.accept(StoreFixture.row(0, "ch=4 ks=3 st=1 di=1", "PENDING"));
                    sink.accept(StoreFixture.row(1, "ch=4 ks=5 st=1 di=1", "FULL"));
                    sink.accept(StoreFixture.row(2, "ch=4 ks=7 st=1 di=1", "FAILED"));
                });
                t.setStatus(0, "CUT", null);
                t.setStatus(1, "FAILED", "out of memory");
                return null;
            });
            assertThat(db.<long[]>read("ids", c -> t.idsWithStatus(List.of("PENDING", "FAILED")))).containsExactly(1, 2);
            assertThat(db.<long[]>read("ids", c -> t.idsWithStatus(List.of("CUT")))).containsExactly(0);
            assertThat(db.<Map<String, Long>>read("count", c -> t.countByStatus())).isEqualTo(Map.of("CUT", 1L, "FAILED", 2L));
            assertThat(db.<Long>read("error", c -> Sqlite.queryLong(c, "SELECT COUNT(*) FROM archs WHERE error = 'out of memory'")))
                    .isEqualTo(1);
        }
    }

    @Test
    void appendTakesTheNextFreeIdAndSpaceIndicesMapToIds() throws Exception {
        try (Sqlite db = StoreFixture.open(dir)) {
            ArchTable t = new ArchTable(db.connection());
            long first = db.inTransaction("append", c -> t.append(new ArchTable.Row(77, 5, "ch=4 ks=3 st=1 di=1",
                    "PENDING", 0.5, 1, 2, 3)));
            long second = db.inTransaction("append", c -> t.append(new ArchTable.Row(77, 9, "ch=4 ks=5 st=1 di=1",
                    "PENDING", 0.5, 1, 2, 3)));
            assertThat(first).isZero(); // an empty table starts at 0, whatever the row says
            assertThat(second).isEqualTo(1);
            assertThat(db.read("row", c -> t.row(1)).spec()).isEqualTo("ch=4 ks=5 st=1 di=1");
            assertThat(db.<Map<Long, Long>>read("map", c -> t.idsBySpaceIndex())).isEqualTo(Map.of(5L, 0L, 9L, 1L));
        }
    }
}
