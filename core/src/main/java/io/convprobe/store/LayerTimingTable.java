package io.convprobe.store;

import io.convprobe.UserException;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTimer;
import io.convprobe.probe.LayerTiming;
import io.convprobe.probe.LayerTimings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code layer_timings} table of {@code results.db}: the sweep's timing table, one row per
 * (layer shape, batch size, threads) with seconds per image of the direct (libtorch) layer and,
 * for convs the multiply-add count favours, of the FFT convolution, and the algorithm chosen. Each
 * row is committed as it is measured, so a resumed run re-measures nothing and computes every
 * feature with the same algorithm as before; rows for another batch size or thread count are kept
 * but not used.
 */
public final class LayerTimingTable {
    private final Sqlite db;

    /** On the run's connection; each method is its own transaction (the sweep calls them one by one). */
    public LayerTimingTable(Sqlite db) {
        this.db = db;
    }

    public static void createSchema(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS layer_timings ("
                + "shape TEXT NOT NULL, batch INTEGER NOT NULL, threads INTEGER NOT NULL, "
                + "direct_s REAL NOT NULL, fft_s REAL, algorithm TEXT NOT NULL, "
                + "PRIMARY KEY (shape, batch, threads))");
    }

    /** The rows for {@code batch} and {@code threads}. */
    public Map<LayerShape, LayerTiming> load(int batch, int threads) {
        return db.read("cannot read the timing table", c -> {
            Map<LayerShape, LayerTiming> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT shape, direct_s, fft_s, algorithm FROM layer_timings "
                    + "WHERE batch = ? AND threads = ? ORDER BY rowid")) {
                ps.setInt(1, batch);
                ps.setInt(2, threads);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(LayerShape.parse(rs.getString(1)), new LayerTiming(rs.getDouble(2),
                                Sqlite.nullableDouble(rs, 3), ConvAlgorithm.valueOf(rs.getString(4))));
                    }
                }
            }
            return out;
        });
    }

    /** Stores one row and commits it. */
    public void insert(LayerShape shape, LayerTiming t, int batch, int threads) {
        db.inTransaction("cannot store a timing row", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO layer_timings"
                    + "(shape, batch, threads, direct_s, fft_s, algorithm) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, shape.key());
                ps.setInt(2, batch);
                ps.setInt(3, threads);
                ps.setDouble(4, t.directSeconds());
                Sqlite.setNullable(ps, 5, t.fftSeconds());
                ps.setString(6, t.algorithm().name());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The table as the sweep uses it: the stored rows for the timer's batch size and
     * {@code threads}, new rows measured by {@code timer} and stored here.
     */
    public LayerTimings timings(LayerTimer timer, int threads, LayerTimings.Choice choice) {
        return new LayerTimings(timer, load(timer.batchSize(), threads), sink(timer.batchSize(), threads), choice);
    }

    /** Stores {@code rows} in one transaction (a search copying the user's timing cache into its store). */
    public void insertAll(Map<LayerShape, LayerTiming> rows, int batch, int threads) {
        if (rows.isEmpty()) {
            return;
        }
        db.inTransaction("cannot store the timing rows", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO layer_timings"
                    + "(shape, batch, threads, direct_s, fft_s, algorithm) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Map.Entry<LayerShape, LayerTiming> r : rows.entrySet()) {
                    ps.setString(1, r.getKey().key());
                    ps.setInt(2, batch);
                    ps.setInt(3, threads);
                    ps.setDouble(4, r.getValue().directSeconds());
                    Sqlite.setNullable(ps, 5, r.getValue().fftSeconds());
                    ps.setString(6, r.getValue().algorithm().name());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Where a search's table came from: rows already in the run's store, rows copied from the user's cache. */
    public record Start(LayerTimings timings, int fromRun, int fromCache) {}

    /**
     * The table as a search uses it, with the user's {@link TimingCache}: the run's own rows for
     * {@code key}'s batch size and threads (a resumed run keeps its table, so its features keep their
     * algorithms), then, unless {@code retime}, the cache's rows for {@code key} not in the run yet,
     * copied into the run's store; what is still missing is measured by {@code timer} and stored in
     * both (with {@code retime}, the cache's rows for those shapes are replaced).
     */
    public Start timings(LayerTimings.Measure timer, TimingCache.Key key, LayerTimings.Choice choice, TimingCache cache,
            boolean retime) {
        Map<LayerShape, LayerTiming> known = load(key.batch(), key.threads());
        int fromRun = known.size();
        int fromCache = 0;
        if (!retime) {
            Map<LayerShape, LayerTiming> copy = new LinkedHashMap<>(cache.load(key));
            copy.keySet().removeAll(known.keySet());
            insertAll(copy, key.batch(), key.threads());
            known.putAll(copy);
            fromCache = copy.size();
        }
        LayerTimings.Sink run = sink(key.batch(), key.threads());
        LayerTimings table = new LayerTimings(timer, known, (shape, t) -> {
            run.stored(shape, t);
            cache.put(key, shape, t);
        }, choice);
        return new Start(table, fromRun, fromCache);
    }

    /** A sink writing new rows for {@code batch} and {@code threads} here. */
    public LayerTimings.Sink sink(int batch, int threads) {
        return (shape, t) -> insert(shape, t, batch, threads);
    }
}
