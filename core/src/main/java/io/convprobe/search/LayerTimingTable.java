package io.convprobe.search;

import io.convprobe.UserException;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTimer;
import io.convprobe.probe.LayerTiming;
import io.convprobe.probe.LayerTimings;
import java.sql.Connection;
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
    private final Connection db;

    LayerTimingTable(Connection db) {
        this.db = db;
    }

    static void createSchema(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS layer_timings ("
                + "shape TEXT NOT NULL, batch INTEGER NOT NULL, threads INTEGER NOT NULL, "
                + "direct_s REAL NOT NULL, fft_s REAL, algorithm TEXT NOT NULL, "
                + "PRIMARY KEY (shape, batch, threads))");
    }

    /** The rows for {@code batch} and {@code threads}. */
    public Map<LayerShape, LayerTiming> load(int batch, int threads) {
        Map<LayerShape, LayerTiming> out = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT shape, direct_s, fft_s, algorithm FROM layer_timings WHERE batch = ? AND threads = ? ORDER BY rowid")) {
            ps.setInt(1, batch);
            ps.setInt(2, threads);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double fft = rs.getDouble(3);
                    if (rs.wasNull()) {
                        fft = Double.NaN;
                    }
                    out.put(LayerShape.parse(rs.getString(1)),
                            new LayerTiming(rs.getDouble(2), fft, ConvAlgorithm.valueOf(rs.getString(4))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new UserException("cannot read the timing table from " + ResultStore.DB_FILE + ": " + e.getMessage(), e);
        }
    }

    /** Stores one row and commits it. */
    public void insert(LayerShape shape, LayerTiming t, int batch, int threads) {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO layer_timings"
                + "(shape, batch, threads, direct_s, fft_s, algorithm) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, shape.key());
            ps.setInt(2, batch);
            ps.setInt(3, threads);
            ps.setDouble(4, t.directSeconds());
            if (Double.isNaN(t.fftSeconds())) {
                ps.setNull(5, java.sql.Types.REAL);
            } else {
                ps.setDouble(5, t.fftSeconds());
            }
            ps.setString(6, t.algorithm().name());
            ps.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original error matters
            }
            throw new UserException("cannot store a timing row in " + ResultStore.DB_FILE + ": " + e.getMessage(), e);
        }
    }

    /**
     * The table as the sweep uses it: the stored rows for the timer's batch size and
     * {@code threads}, new rows measured by {@code timer} and stored here.
     */
    public LayerTimings timings(LayerTimer timer, int threads, LayerTimings.Choice choice) {
        return new LayerTimings(timer, load(timer.batchSize(), threads), sink(timer.batchSize(), threads), choice);
    }

    /** A sink writing new rows for {@code batch} and {@code threads} here. */
    public LayerTimings.Sink sink(int batch, int threads) {
        return (shape, t) -> insert(shape, t, batch, threads);
    }
}
