package io.convprobe.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.probe.TrialResult;
import io.convprobe.store.ArchTable;
import io.convprobe.store.Sqlite;
import io.convprobe.store.TrialTable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables budgeted strategies keep in {@code results.db} beside {@code archs}/{@code trials}
 * (which hold every full-protocol result, whatever the strategy):
 * <ul>
 * <li>{@code fidelity_trials}: trials at fewer images than the protocol (successive halving's
 * lower rungs), one row per (space index, train size, test size, trial) with the rung, the
 * results and the proxy scores as JSON;
 * <li>{@code evolution}: regularized evolution's history, one row per cycle in order (the
 * population is the last P rows), with the parent's space index (−1 for the initial random ones).
 * </ul>
 * Each row is one committed statement, so a kill loses at most the probe in flight. On the store's
 * connection and its rules ({@link Sqlite}).
 */
public final class StrategyTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResultStore store;
    private final Sqlite db;

    /** On a store opened for a search, creates the tables when missing. */
    public StrategyTables(ResultStore store) {
        this.store = store;
        this.db = store.db();
        if (db.readOnly()) { // a read-only store (ResultStore.open): the tables exist or stay absent
            return;
        }
        db.inTransaction("cannot create the strategy tables", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS fidelity_trials (space_index INTEGER NOT NULL, "
                        + "train_size INTEGER NOT NULL, test_size INTEGER NOT NULL, trial INTEGER NOT NULL, "
                        + "rung INTEGER NOT NULL, test_accuracy REAL, train_accuracy REAL, throughput REAL NOT NULL, "
                        + "ridge_seconds REAL NOT NULL, features INTEGER NOT NULL, proxies TEXT NOT NULL, "
                        + "PRIMARY KEY (space_index, train_size, test_size, trial))");
                st.execute("CREATE TABLE IF NOT EXISTS evolution (seq INTEGER PRIMARY KEY, space_index INTEGER NOT NULL, "
                        + "parent INTEGER NOT NULL)");
            }
            return null;
        });
    }

    /** Stores one reduced-fidelity trial, committed. */
    public void addFidelityTrial(int rung, long spaceIndex, int trainSize, int testSize, TrialResult r) {
        db.inTransaction("cannot store a rung trial", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO fidelity_trials VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, spaceIndex);
                ps.setInt(2, trainSize);
                ps.setInt(3, testSize);
                ps.setInt(4, r.trial());
                ps.setInt(5, rung);
                Sqlite.setNullable(ps, 6, r.testAccuracy());
                Sqlite.setNullable(ps, 7, r.trainAccuracy());
                ps.setDouble(8, r.throughput());
                ps.setDouble(9, r.ridgeSeconds());
                ps.setLong(10, r.features());
                Map<String, Double> finite = new TreeMap<>();
                r.proxies().forEach((k, v) -> finite.put(k, Double.isFinite(v) ? v : null));
                ps.setString(11, JSON.writeValueAsString(finite));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Reduced-fidelity trials at one size: space index → trials by trial number (insertion order of indices). */
    public Map<Long, List<TrialResult>> fidelityTrials(int trainSize, int testSize) {
        return db.read("cannot read rung trials", c -> {
            Map<Long, List<TrialResult>> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT space_index, trial, test_accuracy, train_accuracy, "
                    + "throughput, ridge_seconds, features, proxies FROM fidelity_trials WHERE train_size = ? "
                    + "AND test_size = ? ORDER BY space_index, trial")) {
                ps.setInt(1, trainSize);
                ps.setInt(2, testSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Double> proxies = new TreeMap<>();
                        JSON.readValue(rs.getString(8), new TypeReference<Map<String, Double>>() {})
                                .forEach((k, v) -> proxies.put(k, v == null ? Double.NaN : v));
                        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new TrialResult(rs.getInt(2),
                                Sqlite.nullableDouble(rs, 3), Sqlite.nullableDouble(rs, 4), rs.getDouble(5),
                                rs.getDouble(6), rs.getLong(7), proxies));
                    }
                }
            }
            return out;
        });
    }

    /** Image-passes spent: (train + test images) summed over every stored trial at any fidelity. */
    public long imagePasses(int fullTrain, int fullTest) {
        return db.read("cannot count image-passes", c -> {
            long low = Sqlite.queryLong(c, "SELECT COALESCE(SUM(train_size + test_size), 0) FROM fidelity_trials");
            return low + new TrialTable(c).count() * (long) (fullTrain + fullTest);
        });
    }

    /** Evolution's history in cycle order: {space index, parent space index} per row. */
    public List<long[]> history() {
        return db.read("cannot read the evolution history", c -> {
            List<long[]> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT seq, space_index, parent FROM evolution ORDER BY seq")) {
                while (rs.next()) {
                    if (rs.getLong(1) != out.size()) {
                        throw new IllegalStateException("evolution history has a gap at " + out.size());
                    }
                    out.add(new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
            return out;
        });
    }

    public void addHistory(long seq, long spaceIndex, long parent) {
        db.inTransaction("cannot store evolution cycle " + seq, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO evolution(seq, space_index, parent) VALUES (?, ?, ?)")) {
                ps.setLong(1, seq);
                ps.setLong(2, spaceIndex);
                ps.setLong(3, parent);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Architecture id by space index, for the architectures already in {@code archs}. */
    public Map<Long, Long> archIds() {
        return db.read("cannot read architectures", c -> new ArchTable(c).idsBySpaceIndex());
    }

    /** One architecture's full-protocol aggregate from the store (null when it has no trial). */
    public ArchAggregate aggregate(long archId) {
        ResultStore.ArchRow row = store.arch(archId);
        List<TrialResult> trials = store.trials(archId);
        return trials.isEmpty() ? null : ResultStore.aggregate(row, trials);
    }
}
