package io.convprobe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteTest {
    @TempDir Path dir;

    private Sqlite writable() throws SQLException {
        Sqlite db = Sqlite.openForWriting(dir.resolve("t.db"), dir);
        db.inTransaction("cannot create", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, r REAL, n INTEGER)");
            }
            return null;
        });
        return db;
    }

    @Test
    void aWritingConnectionIsDurable() throws Exception {
        try (Sqlite db = writable()) {
            assertThat(db.pragma("journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(db.pragma("synchronous")).isEqualTo("2"); // FULL: a commit waits for the fsync
            assertThat(db.pragma("foreign_keys")).isEqualTo("1");
            assertThat(db.connection().getAutoCommit()).isFalse(); // every change goes through inTransaction
            assertThat(db.readOnly()).isFalse();
        }
    }

    @Test
    void aFailedTransactionRollsBackAndNamesTheRunDirectory() throws Exception {
        try (Sqlite db = writable()) {
            insert(db, 1, 0.5, 7);
            assertThatThrownBy(() -> db.inTransaction("cannot store k", c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO t VALUES (2, 1.0, 1)");
                    st.execute("INSERT INTO t VALUES (1, 1.0, 1)"); // duplicate key
                }
                return null;
            })).isInstanceOf(UserException.class).hasMessageStartingWith("run dir " + dir + ": cannot store k (");
            assertThat(db.<Long>read("count", c -> Sqlite.queryLong(c, "SELECT COUNT(*) FROM t"))).isEqualTo(1); // 2 rolled back
            IllegalStateException bug = new IllegalStateException("a bug");
            assertThatThrownBy(() -> db.inTransaction("x", c -> {
                insertIn(c, 3, 1, 1);
                throw bug;
            })).isSameAs(bug); // not an SQL problem: rethrown as is, but still rolled back
            assertThat(db.<Long>read("count", c -> Sqlite.queryLong(c, "SELECT COUNT(*) FROM t"))).isEqualTo(1);
        }
    }

    @Test
    void nanAndNegativeCountsAreStoredAsNullAndReadBack() throws Exception {
        try (Sqlite db = writable()) {
            insert(db, 1, Double.NaN, -1);
            insert(db, 2, 0.0, 0);
            assertThat(db.<Long>read("nulls", c -> Sqlite.queryLong(c, "SELECT COUNT(*) FROM t WHERE r IS NULL AND n IS NULL")))
                    .isEqualTo(1);
            double[] r = new double[2];
            long[] n = new long[2];
            db.read("read", c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT r, n FROM t ORDER BY k")) {
                    for (int i = 0; rs.next(); i++) {
                        r[i] = Sqlite.nullableDouble(rs, 1);
                        n[i] = Sqlite.nullableLong(rs, 2);
                    }
                }
                return null;
            });
            assertThat(r).containsExactly(Double.NaN, 0.0); // JDBC alone would read NULL as 0
            assertThat(n).containsExactly(-1, 0);
        }
    }

    @Test
    void aReadOnlyConnectionReadsButCannotWrite() throws Exception {
        try (Sqlite db = writable()) {
            insert(db, 1, 0.5, 7);
        }
        try (Sqlite db = Sqlite.openReadOnly(dir.resolve("t.db"), dir)) {
            assertThat(db.readOnly()).isTrue();
            assertThat(db.<Long>read("count", c -> Sqlite.queryLong(c, "SELECT COUNT(*) FROM t"))).isEqualTo(1);
            assertThatThrownBy(() -> db.read("cannot write", c -> {
                insertIn(c, 2, 1, 1);
                return null;
            })).isInstanceOf(UserException.class).hasMessageContaining("cannot write");
        }
    }

    private static void insert(Sqlite db, long k, double r, long n) {
        db.inTransaction("insert", c -> {
            insertIn(c, k, r, n);
            return null;
        });
    }

    private static void insertIn(java.sql.Connection c, long k, double r, long n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
            ps.setLong(1, k);
            Sqlite.setNullable(ps, 2, r);
            Sqlite.setNullable(ps, 3, n);
            ps.executeUpdate();
        }
    }
}
