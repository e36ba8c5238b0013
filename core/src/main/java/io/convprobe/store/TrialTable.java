package io.convprobe.store;

import io.convprobe.probe.TrialResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The {@code trials} table: one row per completed (architecture, trial) of the full protocol, key
 * {@code (arch_id, trial)} so nothing can be stored twice, with the trial's proxy scores in
 * {@link ProxyTable} (written and read together with it). A NULL accuracy is a trial cut on
 * throughput before its features were computed. Methods never commit: the caller's transaction.
 */
public final class TrialTable {
    private static final String COLUMNS = "trial, test_accuracy, train_accuracy, throughput, ridge_seconds, features";

    private final Connection db;
    private final ProxyTable proxies;

    public TrialTable(Connection db) {
        this.db = db;
        this.proxies = new ProxyTable(db);
    }

    public static void createSchema(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS trials ("
                + "arch_id INTEGER NOT NULL REFERENCES archs(id), "
                + "trial INTEGER NOT NULL, "
                + "test_accuracy REAL, train_accuracy REAL, "   // NULL: cut on throughput before features
                + "throughput REAL NOT NULL, "
                + "ridge_seconds REAL NOT NULL, features INTEGER NOT NULL, finished_at TEXT NOT NULL, "
                + "PRIMARY KEY (arch_id, trial))");
        ProxyTable.createSchema(st);
    }

    /** The proxies table beside this one. */
    public ProxyTable proxies() {
        return proxies;
    }

    /** Inserts one trial row and its proxy scores. */
    public void insert(long archId, TrialResult r) throws SQLException {
        try (PreparedStatement ins = db.prepareStatement("INSERT INTO trials(arch_id, " + COLUMNS
                + ", finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ins.setLong(1, archId);
            ins.setInt(2, r.trial());
            Sqlite.setNullable(ins, 3, r.testAccuracy());
            Sqlite.setNullable(ins, 4, r.trainAccuracy());
            ins.setDouble(5, r.throughput());
            ins.setDouble(6, r.ridgeSeconds());
            ins.setLong(7, r.features());
            ins.setString(8, Instant.now().toString());
            ins.executeUpdate();
        }
        proxies.insert(archId, r.trial(), r.proxies());
    }

    /** True when trial {@code trial} of the architecture is stored. */
    public boolean has(long archId, int trial) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM trials WHERE arch_id = ? AND trial = ?")) {
            ps.setLong(1, archId);
            ps.setInt(2, trial);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** An architecture's trials with their proxies, by trial number. */
    public List<TrialResult> of(long archId) throws SQLException {
        List<TrialResult> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM trials WHERE arch_id = ? "
                + "ORDER BY trial")) {
            ps.setLong(1, archId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(trial(rs, 1));
                }
            }
        }
        Map<Integer, Map<String, Double>> scores = proxies.of(archId);
        out.replaceAll(t -> t.withProxies(scores.getOrDefault(t.trial(), Map.of())));
        return out;
    }

    /**
     * Visits every architecture with at least one trial, in id order, with its trials (and their
     * proxies) by trial number: one joined query, for reading a whole run.
     */
    public void forEachTried(BiConsumer<ArchTable.Row, List<TrialResult>> action) throws SQLException {
        String sql = "SELECT " + prefixed("a.", ArchTable.COLUMNS) + ", " + prefixed("t.", COLUMNS)
                + " FROM archs a JOIN trials t ON t.arch_id = a.id ORDER BY a.id, t.trial";
        Map<Long, Map<Integer, Map<String, Double>>> scores = proxies.all();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ArchTable.Row cur = null;
            List<TrialResult> trials = new ArrayList<>();
            while (rs.next()) {
                long id = rs.getLong(1);
                if (cur != null && cur.id() != id) {
                    action.accept(cur, trials);
                    trials = new ArrayList<>();
                }
                if (cur == null || cur.id() != id) {
                    cur = ArchTable.row(rs);
                }
                TrialResult t = trial(rs, 9);
                trials.add(t.withProxies(scores.getOrDefault(id, Map.of()).getOrDefault(t.trial(), Map.of())));
            }
            if (cur != null) {
                action.accept(cur, trials);
            }
        }
    }

    private static String prefixed(String alias, String columns) {
        return alias + columns.replace(", ", ", " + alias);
    }

    /** Trial-0 test accuracy of every architecture that has one, by architecture id (one query). */
    public Map<Long, Double> trial0Accuracies() throws SQLException {
        Map<Long, Double> out = new HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT arch_id, test_accuracy "
                + "FROM trials WHERE trial = 0 AND test_accuracy IS NOT NULL")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getDouble(2));
            }
        }
        return out;
    }

    /** How many trials are stored. */
    public long count() throws SQLException {
        return Sqlite.queryLong(db, "SELECT COUNT(*) FROM trials");
    }

    /** The trial in columns {@code col..col+5} of a query selecting {@link #COLUMNS} there. */
    private static TrialResult trial(ResultSet rs, int col) throws SQLException {
        return new TrialResult(rs.getInt(col), Sqlite.nullableDouble(rs, col + 1), Sqlite.nullableDouble(rs, col + 2),
                rs.getDouble(col + 3), rs.getDouble(col + 4), rs.getLong(col + 5));
    }
}
