package io.convprobe.store;

import io.convprobe.UserException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.sqlite.SQLiteConfig;

/**
 * The one connection to a run directory's {@code results.db}, with the rules every table class
 * follows: how it is opened (pragmas), how work is committed or rolled back, how an SQL failure is
 * told to the user ({@code run dir <dir>: <what> (<cause>)}), and how NULL columns are read and
 * written (NaN for a missing REAL, −1 for a missing count).
 *
 * <p>A writing connection is WAL with {@code synchronous=FULL}: a commit returns only after the WAL
 * is fsynced, so a power loss loses at most the work in flight. (With {@code NORMAL}, WAL commits
 * survive a process kill but the commits since the last checkpoint could roll back on power loss.)
 * One fsync per trial is negligible next to a probe trial. Auto-commit is off: every change goes
 * through {@link #inTransaction}. A read-only connection stays in auto-commit mode (SQLite then
 * reads a consistent snapshot per statement, safe while a search writes).
 */
public final class Sqlite implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Connection db;
    private final Path runDir;
    private final boolean readOnly;

    private Sqlite(Connection db, Path runDir, boolean readOnly) {
        this.db = db;
        this.runDir = runDir;
        this.readOnly = readOnly;
    }

    /** Opens (creating if needed) {@code file} for writing: WAL, {@code synchronous=FULL}, foreign keys, auto-commit off. */
    public static Sqlite openForWriting(Path file, Path runDir) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL"); // outside any transaction: SQLite ignores it inside one
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA foreign_keys=ON");
            c.setAutoCommit(false);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new Sqlite(c, runDir, false);
    }

    /** Opens an existing {@code file} read-only. */
    public static Sqlite openReadOnly(Path file, Path runDir) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        return new Sqlite(DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties()), runDir, true);
    }

    /** Work on the connection; table classes' methods fit (they never commit themselves). */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection db) throws SQLException, IOException;
    }

    /** Runs {@code work} and commits; on any failure rolls back and rethrows (SQL and I/O errors as a UserException). */
    public <T> T inTransaction(String what, Work<T> work) {
        try {
            T t = work.apply(db);
            db.commit();
            return t;
        } catch (SQLException | IOException e) {
            rollbackQuietly();
            throw error(what, e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Runs {@code work} that only reads (no commit); SQL and I/O errors become a UserException. */
    public <T> T read(String what, Work<T> work) {
        try {
            return work.apply(db);
        } catch (SQLException | IOException e) {
            throw error(what, e);
        }
    }

    /** The connection, for table classes working inside {@link #inTransaction} or {@link #read}. */
    public Connection connection() {
        return db;
    }

    /** True when opened by {@link #openReadOnly} (nothing may be created or written). */
    public boolean readOnly() {
        return readOnly;
    }

    public Path runDir() {
        return runDir;
    }

    /** The user-facing form of a failed store operation: {@code run dir <dir>: <what> (<cause>)}. */
    public UserException error(String what, Exception e) {
        return new UserException("run dir " + runDir + ": " + what + " (" + e.getMessage() + ")", e);
    }

    /** A PRAGMA's current value on this connection (tests check the durability settings). */
    public String pragma(String name) {
        return read("cannot read pragma " + name, c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    // ------------------------------------------------------------------ small query helpers

    /** The first column of the first row of {@code sql} as a long, 0 when there is no row. */
    public static long queryLong(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** A REAL column that may be NULL, read as NaN (JDBC's getDouble would say 0). */
    public static double nullableDouble(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }

    /** An INTEGER column that may be NULL, read as −1 (JDBC's getLong would say 0). */
    public static long nullableLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? -1 : v;
    }

    /** Binds a REAL that NaN (or null) stores as NULL. */
    public static void setNullable(PreparedStatement ps, int col, Double v) throws SQLException {
        if (v == null || v.isNaN()) {
            ps.setNull(col, Types.REAL);
        } else {
            ps.setDouble(col, v);
        }
    }

    /** Binds an INTEGER that a negative value (the "unknown" of counts and indices) stores as NULL. */
    public static void setNullable(PreparedStatement ps, int col, long v) throws SQLException {
        if (v < 0) {
            ps.setNull(col, Types.INTEGER);
        } else {
            ps.setLong(col, v);
        }
    }

    private void rollbackQuietly() {
        try {
            if (!db.getAutoCommit()) {
                db.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is unusable anyway; SQLite rolls back on the next open
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // committed data is safe; nothing useful to do
        }
    }
}
