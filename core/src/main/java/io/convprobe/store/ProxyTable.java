package io.convprobe.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code proxies} table of {@code results.db}: one row per (architecture, trial, proxy) with
 * the proxy's value on that trial's random weights. Rows are written inside the trial's own
 * transaction (by {@link TrialTable#insert}), so a trial and its proxies are stored together
 * or not at all. A NaN value (a proxy that could not be computed, e.g. a singular kernel) is
 * stored as NULL. Methods never commit: the caller's transaction.
 */
public final class ProxyTable {
    private final Connection db;

    public ProxyTable(Connection db) {
        this.db = db;
    }

    public static void createSchema(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS proxies ("
                + "arch_id INTEGER NOT NULL, trial INTEGER NOT NULL, proxy TEXT NOT NULL, value REAL, "
                + "PRIMARY KEY (arch_id, trial, proxy), "
                + "FOREIGN KEY (arch_id, trial) REFERENCES trials(arch_id, trial))");
    }

    /** Adds one trial's proxy values (no commit: the caller's transaction). */
    public void insert(long archId, int trial, Map<String, Double> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO proxies(arch_id, trial, proxy, value) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, Double> e : values.entrySet()) {
                ps.setLong(1, archId);
                ps.setInt(2, trial);
                ps.setString(3, e.getKey());
                Sqlite.setNullable(ps, 4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Replaces proxy {@code name} for the given architectures: the value goes on every stored
     * trial of each (so the mean over trials is that value); no commit (the caller's transaction).
     */
    public void replace(String name, Map<Long, Double> valueByArch) throws SQLException {
        try (PreparedStatement del = db.prepareStatement("DELETE FROM proxies WHERE proxy = ?");
                PreparedStatement ins = db.prepareStatement("INSERT INTO proxies(arch_id, trial, proxy, value) "
                        + "SELECT arch_id, trial, ?, ? FROM trials WHERE arch_id = ?")) {
            del.setString(1, name);
            del.executeUpdate();
            for (Map.Entry<Long, Double> e : valueByArch.entrySet()) {
                ins.setString(1, name);
                Sqlite.setNullable(ins, 2, e.getValue());
                ins.setLong(3, e.getKey());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** Every stored value: arch id → trial → proxy → value (NaN for NULL). */
    public Map<Long, Map<Integer, Map<String, Double>>> all() throws SQLException {
        Map<Long, Map<Integer, Map<String, Double>>> out = new HashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT arch_id, trial, proxy, value FROM proxies")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .computeIfAbsent(rs.getInt(2), k -> new TreeMap<>())
                        .put(rs.getString(3), Sqlite.nullableDouble(rs, 4));
            }
        }
        return out;
    }

    /** One architecture's values by trial. */
    public Map<Integer, Map<String, Double>> of(long archId) throws SQLException {
        Map<Integer, Map<String, Double>> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT trial, proxy, value FROM proxies WHERE arch_id = ?")) {
            ps.setLong(1, archId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getInt(1), k -> new TreeMap<>())
                            .put(rs.getString(2), Sqlite.nullableDouble(rs, 3));
                }
            }
        }
        return out;
    }
}
