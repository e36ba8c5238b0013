package io.convprobe.store;

import io.convprobe.Version;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.CpuIsa;
import io.convprobe.nn.EngineDevice;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTiming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sqlite.SQLiteException;

/**
 * The per-user timing cache: layer timings depend on the machine, not on the run, so every search
 * on this machine shares one small SQLite file ({@code timings.db} in {@link #directory()}), keyed
 * by {@link Key} (CPU model and instruction-set flags, oneDNN's cap in force, engine versions and
 * device, convprobe version, threads, batch size) and the layer shape. A search copies the rows it
 * finds into its own store (provenance: a run stays reproducible from its store alone) and adds
 * what it measures here. The cache is an optimisation, never a reason to fail: an unreadable or
 * corrupt file is moved aside with one warning, a failed write warns once and the search goes on
 * without the cache. Two processes may share it (WAL, busy timeout).
 */
public final class TimingCache implements AutoCloseable {
    /** Environment variable naming the cache directory ({@code off}: no cache). */
    public static final String ENV = "CONVPROBE_CACHE";
    /** System property naming the cache directory; wins over {@link #ENV}. */
    public static final String PROPERTY = "convprobe.cache";
    public static final String FILE = "timings.db";

    /**
     * What a layer's timing depends on besides its shape. Rows for another key are kept, not used.
     *
     * @param cpu       the CPU's model name
     * @param isa       its vector instruction-set flags ({@link CpuIsa#isaFlags})
     * @param onednn    oneDNN's instruction-set cap in force ({@code AVX}, ...) or {@code none}
     * @param engine    DJL and libtorch versions and the device
     * @param convprobe convprobe's version, the FFT convolution's and the timer's revisions (their
     *                  readings are its code) and the chains' memory layout ({@link io.convprobe.nn.ChannelsLast#layout})
     */
    public record Key(String cpu, String isa, String onednn, String engine, String convprobe, int threads, int batch) {
        /** This process's key for {@code threads} intra-op threads and batches of {@code batch}. */
        public static Key current(int threads, int batch) {
            String cap = CpuIsa.inForce();
            return new Key(CpuIsa.cpuModel(), CpuIsa.isaFlags(),
                    cap == null ? "none" : cap.substring(cap.indexOf('=') + 1).trim().toUpperCase(Locale.ROOT),
                    "djl " + Version.djl() + ", libtorch " + Version.pytorch() + ", " + EngineDevice.describe(),
                    Version.convprobe() + " fft " + io.convprobe.nn.FftConv2d.REVISION + " timer "
                            + io.convprobe.probe.LayerTimer.REVISION + " " + io.convprobe.nn.ChannelsLast.layout(),
                    threads, batch);
        }
    }

    private final Path file;
    private final Consumer<String> warn;
    private Sqlite db; // null: disabled
    private boolean warned;

    private TimingCache(Path file, Sqlite db, Consumer<String> warn) {
        this.file = file;
        this.db = db;
        this.warn = warn;
    }

    /** A cache that holds nothing and keeps nothing. */
    public static TimingCache disabled() {
        return new TimingCache(null, null, w -> {});
    }

    /**
     * The cache directory: the {@value #PROPERTY} system property, else {@value #ENV}, else
     * {@code $XDG_CACHE_HOME/convprobe}, else {@code ~/.cache/convprobe}; null when set to {@code off}.
     */
    public static Path directory() {
        return directory(System.getProperty(PROPERTY), System.getenv(), System.getProperty("user.home"));
    }

    static Path directory(String property, Map<String, String> env, String home) {
        String set = property != null && !property.isBlank() ? property : env.get(ENV);
        if (set != null && !set.isBlank()) {
            return set.trim().equalsIgnoreCase("off") ? null : Path.of(set.trim());
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "convprobe") : Path.of(home, ".cache", "convprobe");
    }

    /** Opens the user's cache ({@link #directory()}); never throws: a cache that cannot be opened is disabled. */
    public static TimingCache open(Consumer<String> warn) {
        Path dir = directory();
        return dir == null ? disabled() : open(dir, warn);
    }

    /**
     * Opens (creating) {@code dir/timings.db}. A file that is not a database or fails SQLite's
     * quick check is moved aside ({@code timings.db.corrupt}) and a new one started; any other
     * failure (no permission, locked too long) disables the cache. Either way one warning.
     */
    public static TimingCache open(Path dir, Consumer<String> warn) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            return new TimingCache(file, connect(file), warn);
        } catch (SQLException e) {
            if (!corrupt(e)) {
                warn.accept("timing cache " + file + " cannot be opened (" + e.getMessage() + "); timing without it");
                return disabled();
            }
            try {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Path f = Path.of(file + suffix);
                    if (Files.exists(f)) {
                        Files.move(f, Path.of(file + ".corrupt" + suffix), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                warn.accept("timing cache " + file + " is corrupt (" + e.getMessage() + "); moved aside to " + file
                        + ".corrupt, starting a new one");
                return new TimingCache(file, connect(file), warn);
            } catch (IOException | SQLException again) {
                warn.accept("timing cache " + file + " is corrupt (" + e.getMessage() + "); ignored");
                return disabled();
            }
        } catch (IOException | RuntimeException e) {
            warn.accept("timing cache " + file + " cannot be opened (" + e.getMessage() + "); timing without it");
            return disabled();
        }
    }

    private static Sqlite connect(Path file) throws SQLException {
        Sqlite db = Sqlite.openForWriting(file, file.getParent());
        try {
            Connection c = db.connection();
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                    String r = rs.next() ? rs.getString(1) : "no answer";
                    if (!"ok".equals(r)) {
                        throw new SQLException("quick_check: " + r, "", 11); // SQLITE_CORRUPT
                    }
                }
                st.execute("CREATE TABLE IF NOT EXISTS layer_timings ("
                        + "cpu TEXT NOT NULL, isa TEXT NOT NULL, onednn TEXT NOT NULL, engine TEXT NOT NULL, "
                        + "convprobe TEXT NOT NULL, threads INTEGER NOT NULL, batch INTEGER NOT NULL, shape TEXT NOT NULL, "
                        + "direct_s REAL NOT NULL, fft_s REAL, algorithm TEXT NOT NULL, measured_at TEXT NOT NULL, "
                        + "PRIMARY KEY (cpu, isa, onednn, engine, convprobe, threads, batch, shape))");
            }
            c.commit();
            return db;
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static boolean corrupt(SQLException e) {
        int code = e instanceof SQLiteException s ? s.getResultCode().code & 0xff : e.getErrorCode() & 0xff;
        return code == 26 /* SQLITE_NOTADB */ || code == 11 /* SQLITE_CORRUPT */;
    }

    /** The cache file, or null when disabled. */
    public Path file() {
        return db == null ? null : file;
    }

    public boolean enabled() {
        return db != null;
    }

    /** The rows for {@code key}; empty when disabled or unreadable (warned once). */
    public synchronized Map<LayerShape, LayerTiming> load(Key key) {
        Map<LayerShape, LayerTiming> out = new LinkedHashMap<>();
        if (db == null) {
            return out;
        }
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT shape, direct_s, fft_s, algorithm "
                + "FROM layer_timings WHERE " + WHERE + " ORDER BY rowid")) {
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(LayerShape.parse(rs.getString(1)), new LayerTiming(rs.getDouble(2),
                            Sqlite.nullableDouble(rs, 3), ConvAlgorithm.valueOf(rs.getString(4))));
                }
            }
            db.connection().commit(); // ends the read transaction, so the WAL can be checkpointed
            return out;
        } catch (SQLException | RuntimeException e) {
            fail("cannot be read", e);
            return new LinkedHashMap<>();
        }
    }

    /** Stores (replacing) {@code rows} for {@code key} in one transaction; a failure warns once and disables the cache. */
    public synchronized void put(Key key, Map<LayerShape, LayerTiming> rows) {
        if (db == null || rows.isEmpty()) {
            return;
        }
        Connection c = db.connection();
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO layer_timings (cpu, isa, onednn, engine, "
                + "convprobe, threads, batch, shape, direct_s, fft_s, algorithm, measured_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            String now = Instant.now().toString();
            for (Map.Entry<LayerShape, LayerTiming> r : rows.entrySet()) {
                bind(ps, key);
                ps.setString(8, r.getKey().key());
                ps.setDouble(9, r.getValue().directSeconds());
                Sqlite.setNullable(ps, 10, r.getValue().fftSeconds());
                ps.setString(11, r.getValue().algorithm().name());
                ps.setString(12, now);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // disabled below anyway
            }
            fail("cannot be written", e);
        }
    }

    /** Stores one row (see {@link #put(Key, Map)}). */
    public void put(Key key, LayerShape shape, LayerTiming t) {
        put(key, Map.of(shape, t));
    }

    private static final String WHERE = "cpu = ? AND isa = ? AND onednn = ? AND engine = ? AND convprobe = ? "
            + "AND threads = ? AND batch = ?";

    private static void bind(PreparedStatement ps, Key k) throws SQLException {
        ps.setString(1, k.cpu());
        ps.setString(2, k.isa());
        ps.setString(3, k.onednn());
        ps.setString(4, k.engine());
        ps.setString(5, k.convprobe());
        ps.setInt(6, k.threads());
        ps.setInt(7, k.batch());
    }

    private void fail(String what, Exception e) {
        if (!warned) {
            warned = true;
            warn.accept("timing cache " + file + " " + what + " (" + e.getMessage() + "); going on without it");
        }
        close();
    }

    @Override
    public synchronized void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }
}
