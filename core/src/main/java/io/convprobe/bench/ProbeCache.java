package io.convprobe.bench;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Probe results by (spec, train size, test size, trial) for the strategy benchmark. A trial's
 * accuracy is a pure function of (spec, trial, seed, sizes), so the benchmark's strategy runs read
 * stored results instead of probing again; misses are probed for real and kept in
 * {@code probe-cache.db}. Costs are counted by the strategies' own stores, not here.
 */
final class ProbeCache implements AutoCloseable {
    private final Map<String, TrialResult> results = new HashMap<>();
    private final Connection db;
    long hits;
    long misses;

    ProbeCache(Path file) {
        try {
            Files.createDirectories(file.getParent());
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement st = db.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS probes (spec TEXT NOT NULL, train_size INTEGER NOT NULL, "
                        + "test_size INTEGER NOT NULL, trial INTEGER NOT NULL, test_accuracy REAL, train_accuracy REAL, "
                        + "throughput REAL NOT NULL, ridge_seconds REAL NOT NULL, features INTEGER NOT NULL, "
                        + "PRIMARY KEY (spec, train_size, test_size, trial))");
                try (ResultSet rs = st.executeQuery("SELECT * FROM probes")) {
                    while (rs.next()) {
                        results.put(key(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)), new TrialResult(
                                rs.getInt(4), nan(rs, 5), nan(rs, 6), rs.getDouble(7), rs.getDouble(8), rs.getLong(9)));
                    }
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new UserException("probe cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds results known from elsewhere (a finished search run at these sizes). */
    void put(String spec, int train, int test, TrialResult r) {
        results.putIfAbsent(key(spec, train, test, r.trial()), r);
    }

    TrialResult get(String spec, int train, int test, int trial) {
        return results.get(key(spec, train, test, trial));
    }

    /** A prober at these sizes that answers from the cache and probes misses with {@code real}. */
    ArchProber prober(int train, int test, Supplier<ArchProber> real) {
        return new ArchProber() {
            private ArchProber delegate;

            @Override
            public TrialResult probe(ArchSpec spec, int trial) {
                return probe(spec, trial, 0);
            }

            @Override
            public TrialResult probe(ArchSpec spec, int trial, double minThroughput) {
                String s = SpecFormat.toText(spec);
                TrialResult r = get(s, train, test, trial);
                if (r != null) {
                    hits++;
                    return r;
                }
                misses++;
                if (delegate == null) {
                    delegate = real.get();
                }
                r = delegate.probe(spec, trial); // never cut early: the cached result must serve any threshold
                store(s, train, test, r);
                return r;
            }

            @Override
            public void close() {
                if (delegate != null) {
                    delegate.close();
                }
            }
        };
    }

    private void store(String spec, int train, int test, TrialResult r) {
        results.put(key(spec, train, test, r.trial()), r);
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO probes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, spec);
            ps.setInt(2, train);
            ps.setInt(3, test);
            ps.setInt(4, r.trial());
            ps.setDouble(5, r.testAccuracy());
            ps.setDouble(6, r.trainAccuracy());
            ps.setDouble(7, r.throughput());
            ps.setDouble(8, r.ridgeSeconds());
            ps.setLong(9, r.features());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new UserException("probe cache: cannot store (" + e.getMessage() + ")", e);
        }
    }

    private static String key(String spec, int train, int test, int trial) {
        return spec + "|" + train + "|" + test + "|" + trial;
    }

    private static double nan(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // cached rows are committed one by one (autocommit)
        }
    }
}
