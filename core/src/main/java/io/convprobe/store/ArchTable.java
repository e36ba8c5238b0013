package io.convprobe.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code archs} table: one row per candidate of the search, its position among the candidates
 * ({@code id}, from 0) as key, with its space index, spec text, status and shape numbers. The
 * status is stored by name (the search's {@code ArchStatus}); the store only counts and filters it.
 * Methods never commit: callers group them into transactions ({@link Sqlite#inTransaction}).
 */
public final class ArchTable {
    /** The columns {@link #row} reads, in its order (a query may join more after them). */
    static final String COLUMNS = "id, space_index, spec, status, ratio, params, macs, features";
    private static final int BATCH = 4096;

    private final Connection db;

    public ArchTable(Connection db) {
        this.db = db;
    }

    /**
     * One row. {@code spaceIndex} −1 for specs from a list file; {@code ratio} NaN and the counts −1
     * when unknown (a shape-invalid spec); stored as NULL then.
     */
    public record Row(long id, long spaceIndex, String spec, String status, double ratio, long params, long macs,
            long features) {}

    public static void createSchema(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS archs ("
                + "id INTEGER PRIMARY KEY, "         // position among the candidates, from 0
                + "space_index INTEGER, "             // NULL for specs from a list file
                + "spec TEXT NOT NULL, "              // SpecFormat.toText
                + "status TEXT NOT NULL, "            // ArchStatus name
                + "ratio REAL, params INTEGER, macs INTEGER, features INTEGER, " // NULL when shape-invalid
                + "error TEXT)");                     // last prober error (status FAILED)
        st.execute("CREATE INDEX IF NOT EXISTS archs_status ON archs(status)");
    }

    /**
     * Inserts every row {@code rows} hands to its sink, in batches (a whole space can be millions of
     * rows, too many to hold).
     */
    public void insertAll(Consumer<Consumer<Row>> rows) throws SQLException {
        try (PreparedStatement ins = insertStatement()) {
            long[] n = {0};
            SQLException[] failed = {null};
            rows.accept(r -> {
                if (failed[0] != null) {
                    return;
                }
                try {
                    bind(ins, r.id(), r);
                    ins.addBatch();
                    if (++n[0] % BATCH == 0) {
                        ins.executeBatch();
                    }
                } catch (SQLException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            ins.executeBatch();
        }
    }

    /** Inserts {@code r} under the next free id (its own {@code id} is ignored); returns that id. */
    public long append(Row r) throws SQLException {
        long id = Sqlite.queryLong(db, "SELECT COALESCE(MAX(id) + 1, 0) FROM archs");
        try (PreparedStatement ins = insertStatement()) {
            bind(ins, id, r);
            ins.executeUpdate();
        }
        return id;
    }

    private PreparedStatement insertStatement() throws SQLException {
        return db.prepareStatement("INSERT INTO archs(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    }

    private static void bind(PreparedStatement ps, long id, Row r) throws SQLException {
        ps.setLong(1, id);
        Sqlite.setNullable(ps, 2, r.spaceIndex());
        ps.setString(3, r.spec());
        ps.setString(4, r.status());
        Sqlite.setNullable(ps, 5, r.ratio());
        Sqlite.setNullable(ps, 6, r.params());
        Sqlite.setNullable(ps, 7, r.macs());
        Sqlite.setNullable(ps, 8, r.features());
    }

    /** The row with {@code id}, or null. */
    public Row row(long id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM archs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    /** Visits every row in id order (one query). */
    public void forEach(Consumer<Row> action) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM archs ORDER BY id")) {
            while (rs.next()) {
                action.accept(row(rs));
            }
        }
    }

    /** The row in columns 1–8 of a query selecting {@link #COLUMNS} first. */
    static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), Sqlite.nullableLong(rs, 2), rs.getString(3), rs.getString(4),
                Sqlite.nullableDouble(rs, 5), Sqlite.nullableLong(rs, 6), Sqlite.nullableLong(rs, 7),
                Sqlite.nullableLong(rs, 8));
    }

    /** Ids of the rows with one of {@code statuses}, in id order. */
    public long[] idsWithStatus(List<String> statuses) throws SQLException {
        String marks = String.join(", ", statuses.stream().map(s -> "?").toList());
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM archs WHERE status IN (" + marks + ") ORDER BY id")) {
            for (int i = 0; i < statuses.size(); i++) {
                ps.setString(i + 1, statuses.get(i));
            }
            long[] out = new long[256];
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = rs.getLong(1);
                }
            }
            return Arrays.copyOf(out, n);
        }
    }

    /** Sets a row's status and its error (null clears it). */
    public void setStatus(long id, String status, String error) throws SQLException {
        try (PreparedStatement upd = db.prepareStatement("UPDATE archs SET status = ?, error = ? WHERE id = ?")) {
            upd.setString(1, status);
            upd.setString(2, error);
            upd.setLong(3, id);
            upd.executeUpdate();
        }
    }

    /** How many rows have each status (statuses without rows absent). */
    public Map<String, Long> countByStatus() throws SQLException {
        Map<String, Long> n = new LinkedHashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM archs GROUP BY status")) {
            while (rs.next()) {
                n.put(rs.getString(1), rs.getLong(2));
            }
        }
        return n;
    }

    /** Id by space index, for the rows that have one. */
    public Map<Long, Long> idsBySpaceIndex() throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT space_index, id FROM archs WHERE space_index IS NOT NULL")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }
}
