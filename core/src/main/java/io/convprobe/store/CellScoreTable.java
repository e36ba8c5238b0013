package io.convprobe.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code cell_scores} table of a cell-network search: one row per (architecture, fidelity,
 * score), fidelity being the train (= test) images of the ridge probe. A network's rows are written
 * in one transaction, so a network is either wholly stored or not at all (resume re-scores it).
 */
public final class CellScoreTable {
    private final Connection db;

    public CellScoreTable(Connection db) {
        this.db = db;
    }

    public static void createSchema(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS cell_scores (arch TEXT NOT NULL, fidelity INTEGER NOT NULL, "
                + "score TEXT NOT NULL, value REAL, seconds REAL NOT NULL, PRIMARY KEY (arch, fidelity, score))");
    }

    /** Stores one network's scores at {@code fidelity} (NaN as NULL). */
    public void put(String arch, int fidelity, Map<String, Double> values, Map<String, Double> seconds)
            throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT OR REPLACE INTO cell_scores(arch, fidelity, score, value, seconds) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, Double> e : values.entrySet()) {
                ps.setString(1, arch);
                ps.setInt(2, fidelity);
                ps.setString(3, e.getKey());
                Sqlite.setNullable(ps, 4, e.getValue());
                ps.setDouble(5, seconds.getOrDefault(e.getKey(), 0.0));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every stored network at {@code fidelity}: arch → (score → value, NaN for NULL), in insertion order. */
    public Map<String, Map<String, Double>> all(int fidelity) throws SQLException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT arch, score, value FROM cell_scores WHERE fidelity = ? ORDER BY rowid")) {
            ps.setInt(1, fidelity);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), Sqlite.nullableDouble(rs, 3));
                }
            }
        }
        return out;
    }

    /** Total seconds spent scoring, over every stored row. */
    public double seconds() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(SUM(seconds), 0) FROM cell_scores")) {
            return rs.next() ? rs.getDouble(1) : 0;
        }
    }
}
