package io.convprobe.search;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.TrialResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * A search's results in {@code results.db} (SQLite) inside the run directory.
 *
 * <p>Schema: {@code config(key, value)} holds the canonical configuration JSON under
 * {@code config} plus metadata (versions, creation time, threads, candidate count);
 * {@code archs} has one row per candidate (its position in the search is {@code id}) with its
 * status; {@code trials} one row per completed (architecture, trial), primary key
 * {@code (arch_id, trial)} so nothing can be stored twice.
 *
 * <p>Crash safety: candidates are registered in one transaction together with the config; each
 * trial is one transaction (the trial row and its architecture's new status). The journal is WAL
 * with {@code synchronous=FULL}: a commit returns only after the WAL is fsynced, so a power loss
 * loses at most the trial in flight. (With {@code NORMAL}, WAL commits survive a process kill but
 * the trials since the last checkpoint could roll back on power loss.) One fsync per trial is
 * negligible next to a probe trial. A lock file keeps two searches off the same directory.
 */
public final class ResultStore implements AutoCloseable {
    public static final String DB_FILE = "results.db";
    private static final String LOCK_FILE = "search.lock";
    private static final int SCHEMA = 1;

    private final Path runDir;
    private final Connection db;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private ResultStore(Path runDir, Connection db, FileChannel lockChannel, FileLock lock) {
        this.runDir = runDir;
        this.db = db;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    // ------------------------------------------------------------------ opening

    /** Opens (creating if needed) the run directory's store for a search; one search at a time. */
    public static ResultStore openForSearch(Path runDir) {
        FileChannel ch = null;
        FileLock lock = null;
        try {
            Files.createDirectories(runDir);
            ch = FileChannel.open(runDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new UserException("run dir " + runDir + " is in use by another convprobe search");
            }
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setBusyTimeout(10_000);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + runDir.resolve(DB_FILE), cfg.toProperties());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA foreign_keys=ON");
                createSchema(st);
            }
            c.setAutoCommit(false);
            return new ResultStore(runDir, c, ch, lock);
        } catch (IOException | SQLException e) {
            closeQuietly(ch);
            throw new UserException("run dir " + runDir + ": cannot open " + DB_FILE + " (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** Opens a run directory's store read-only (for reports; safe while a search is writing). */
    public static ResultStore open(Path runDir) {
        Path file = runDir.resolve(DB_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserException(runDir + ": not a search run directory (" + DB_FILE + " not found)");
        }
        try {
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setReadOnly(true);
            cfg.setBusyTimeout(10_000);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties());
            ResultStore s = new ResultStore(runDir, c, null, null);
            if (!s.configTable().containsKey("config")) {
                s.close();
                throw new UserException(runDir + ": search results have no configuration (created but never started)");
            }
            return s;
        } catch (SQLException e) {
            throw new UserException(runDir + ": cannot read " + DB_FILE + " (" + e.getMessage() + ")", e);
        }
    }

    /** Reads a finished or partial run: config, scored architectures, counts. */
    public static RunResults read(Path runDir, double throughputWeight) {
        try (ResultStore s = open(runDir)) {
            return new RunResults(runDir, s.config(), s.meta(), Fitness.score(s.aggregates(), throughputWeight),
                    s.counts(), s.trial0Accuracies());
        }
    }

    private static void createSchema(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS config (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        st.execute("CREATE TABLE IF NOT EXISTS archs ("
                + "id INTEGER PRIMARY KEY, "         // position among the candidates, from 0
                + "space_index INTEGER, "             // NULL for specs from a list file
                + "spec TEXT NOT NULL, "              // SpecFormat.toText
                + "status TEXT NOT NULL, "            // ArchStatus name
                + "ratio REAL, params INTEGER, macs INTEGER, features INTEGER, " // NULL when shape-invalid
                + "error TEXT)");                     // last prober error (status FAILED)
        st.execute("CREATE INDEX IF NOT EXISTS archs_status ON archs(status)");
        st.execute("CREATE TABLE IF NOT EXISTS trials ("
                + "arch_id INTEGER NOT NULL REFERENCES archs(id), "
                + "trial INTEGER NOT NULL, "
                + "test_accuracy REAL, train_accuracy REAL, "   // NULL: cut on throughput before features
                + "throughput REAL NOT NULL, "
                + "ridge_seconds REAL NOT NULL, features INTEGER NOT NULL, finished_at TEXT NOT NULL, "
                + "PRIMARY KEY (arch_id, trial))");
        ProxyTable.createSchema(st);
    }

    // ------------------------------------------------------------------ starting a search

    /**
     * Starts or resumes: on a new store writes the config and metadata and registers every
     * candidate (one transaction); on an existing one refuses a different configuration and warns
     * about changed metadata (versions, threads). Returns true when resuming.
     */
    public boolean begin(SearchConfig config, Map<String, String> meta, Candidates candidates, Consumer<String> warn) {
        try {
            Map<String, String> stored = configTable();
            if (stored.containsKey("config")) {
                List<String> diff = config.differences(SearchConfig.parse(stored.get("config")));
                if (!diff.isEmpty()) {
                    throw new UserException("run dir " + runDir + " was created with a different configuration: "
                            + String.join(", ", diff) + " (stored ≠ given; use the original flags or a new --run)");
                }
                for (Map.Entry<String, String> e : meta.entrySet()) {
                    String old = stored.get(e.getKey());
                    if (old != null && !old.equals(e.getValue())) {
                        warn.accept("run dir " + runDir + " was started with " + e.getKey() + " " + old + ", now "
                                + e.getValue() + ": throughputs of old and new trials may not be comparable");
                    }
                }
                return true;
            }
            try (PreparedStatement put = db.prepareStatement("INSERT INTO config(key, value) VALUES (?, ?)");
                    PreparedStatement arch = db.prepareStatement("INSERT INTO archs(id, space_index, spec, status, "
                            + "ratio, params, macs, features) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                Map<String, String> all = new LinkedHashMap<>();
                all.put("schema", Integer.toString(SCHEMA));
                all.put("config", config.toJson());
                all.putAll(meta);
                all.put("created_at", Instant.now().toString());
                all.put("candidates", Long.toString(candidates.count()));
                for (Map.Entry<String, String> e : all.entrySet()) {
                    put.setString(1, e.getKey());
                    put.setString(2, e.getValue());
                    put.executeUpdate();
                }
                long[] id = {0};
                SQLException[] failed = {null};
                candidates.forEach(c -> {
                    if (failed[0] != null) {
                        return;
                    }
                    try {
                        arch.setLong(1, id[0]++);
                        if (c.spaceIndex() >= 0) {
                            arch.setLong(2, c.spaceIndex());
                        } else {
                            arch.setNull(2, java.sql.Types.INTEGER);
                        }
                        arch.setString(3, SpecFormat.toText(c.spec()));
                        arch.setString(4, c.status().name());
                        if (c.summary() != null) {
                            arch.setDouble(5, c.summary().ratio());
                            arch.setLong(6, c.summary().params());
                            arch.setLong(7, c.summary().macs());
                            arch.setLong(8, c.summary().features());
                        } else {
                            for (int p = 5; p <= 8; p++) {
                                arch.setNull(p, java.sql.Types.NUMERIC);
                            }
                        }
                        arch.addBatch();
                        if (id[0] % 4096 == 0) {
                            arch.executeBatch();
                        }
                    } catch (SQLException e) {
                        failed[0] = e;
                    }
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
                arch.executeBatch();
            }
            db.commit();
            return false;
        } catch (SQLException e) {
            rollbackQuietly();
            throw storeError("cannot start", e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    // ------------------------------------------------------------------ the search loop

    /** One architecture row. {@code spaceIndex} −1 for listed specs; ratio etc. NaN/−1 when shape-invalid. */
    public record ArchRow(long id, long spaceIndex, String spec, ArchStatus status, double ratio, long params,
            long macs, long features) {
        public ArchSpec parsedSpec() {
            return SpecFormat.parse(spec);
        }
    }

    /** Ids of the architectures that still need trials (pending or failed), in search order. */
    public long[] idsNeedingWork() {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT id FROM archs WHERE status IN ('PENDING', 'FAILED') ORDER BY id")) {
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
        } catch (SQLException e) {
            throw storeError("cannot read architectures", e);
        }
    }

    public ArchRow arch(long id) {
        try (PreparedStatement ps = db.prepareStatement("SELECT id, space_index, spec, status, ratio, params, macs, "
                + "features FROM archs WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no architecture " + id + " in " + runDir);
                }
                return archRow(rs);
            }
        } catch (SQLException e) {
            throw storeError("cannot read architecture " + id, e);
        }
    }

    /** Visits every architecture row in search order (one query; for planning work over the whole run). */
    public void forEachArch(Consumer<ArchRow> action) {
        try (PreparedStatement ps = db.prepareStatement("SELECT id, space_index, spec, status, ratio, params, macs, "
                + "features FROM archs ORDER BY id"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                action.accept(archRow(rs));
            }
        } catch (SQLException e) {
            throw storeError("cannot read architectures", e);
        }
    }

    private static ArchRow archRow(ResultSet rs) throws SQLException {
        long spaceIndex = rs.getLong(2);
        if (rs.wasNull()) {
            spaceIndex = -1;
        }
        double ratio = rs.getDouble(5);
        if (rs.wasNull()) {
            ratio = Double.NaN;
        }
        long params = rs.getLong(6);
        if (rs.wasNull()) {
            params = -1;
        }
        long macs = rs.getLong(7);
        if (rs.wasNull()) {
            macs = -1;
        }
        long features = rs.getLong(8);
        if (rs.wasNull()) {
            features = -1;
        }
        return new ArchRow(rs.getLong(1), spaceIndex, rs.getString(3), ArchStatus.valueOf(rs.getString(4)), ratio,
                params, macs, features);
    }

    /** The stored trials of an architecture, by trial number. */
    public List<TrialResult> trials(long archId) {
        try (PreparedStatement ps = db.prepareStatement("SELECT trial, test_accuracy, train_accuracy, throughput, "
                + "ridge_seconds, features FROM trials WHERE arch_id = ? ORDER BY trial")) {
            ps.setLong(1, archId);
            List<TrialResult> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(trialResult(rs, 1));
                }
            }
            Map<Integer, Map<String, Double>> proxies = ProxyTable.of(db, archId);
            out.replaceAll(t -> t.withProxies(proxies.getOrDefault(t.trial(), Map.of())));
            return out;
        } catch (SQLException e) {
            throw storeError("cannot read trials of architecture " + archId, e);
        }
    }

    private static TrialResult trialResult(ResultSet rs, int col) throws SQLException {
        return new TrialResult(rs.getInt(col), nullableDouble(rs, col + 1), nullableDouble(rs, col + 2),
                rs.getDouble(col + 3), rs.getDouble(col + 4), rs.getLong(col + 5));
    }

    /** A REAL column that may be NULL (read as NaN; JDBC's getDouble would say 0). */
    private static double nullableDouble(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }

    private static void setNullable(PreparedStatement ps, int col, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(col, java.sql.Types.REAL);
        } else {
            ps.setDouble(col, v);
        }
    }

    /** Trial-0 test accuracy of every architecture that has one, by architecture id (one query). */
    public Map<Long, Double> trial0Accuracies() {
        Map<Long, Double> out = new java.util.HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT arch_id, test_accuracy FROM trials WHERE trial = 0 AND test_accuracy IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getDouble(2));
            }
            return out;
        } catch (SQLException e) {
            throw storeError("cannot read trial-0 accuracies", e);
        }
    }

    /**
     * Stores one completed trial (with its proxy scores) and the architecture's resulting status,
     * atomically and durably.
     */
    public void addTrial(long archId, TrialResult r, ArchStatus status) {
        try (PreparedStatement upd = db.prepareStatement("UPDATE archs SET status = ?, error = NULL WHERE id = ?")) {
            insertTrial(db, archId, r);
            upd.setString(1, status.name());
            upd.setLong(2, archId);
            upd.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw storeError("cannot store trial " + r.trial() + " of architecture " + archId, e);
        }
    }

    /** Inserts one trial row and its proxy scores (no commit: the caller's transaction). */
    static void insertTrial(Connection db, long archId, TrialResult r) throws SQLException {
        try (PreparedStatement ins = db.prepareStatement("INSERT INTO trials(arch_id, trial, test_accuracy, "
                + "train_accuracy, throughput, ridge_seconds, features, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ins.setLong(1, archId);
            ins.setInt(2, r.trial());
            setNullable(ins, 3, r.testAccuracy());
            setNullable(ins, 4, r.trainAccuracy());
            ins.setDouble(5, r.throughput());
            ins.setDouble(6, r.ridgeSeconds());
            ins.setLong(7, r.features());
            ins.setString(8, Instant.now().toString());
            ins.executeUpdate();
        }
        ProxyTable.insert(db, archId, r.trial(), r.proxies());
    }

    /** Work on the store's connection inside one transaction (for the store's own table classes). */
    interface SqlWork<T> {
        T apply(Connection db) throws SQLException;
    }

    /** Runs {@code work} and commits; on any failure rolls back and rethrows (SQL errors as a UserException). */
    <T> T inTransaction(String what, SqlWork<T> work) {
        try {
            T t = work.apply(db);
            db.commit();
            return t;
        } catch (SQLException e) {
            rollbackQuietly();
            throw storeError(what, e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /**
     * Registers one more candidate after {@link #begin} (strategies that choose architectures as
     * they go) with the next id, committed; returns its id.
     */
    public long addCandidate(Candidate c) {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(id) + 1, 0) FROM archs");
                PreparedStatement arch = db.prepareStatement("INSERT INTO archs(id, space_index, spec, status, "
                        + "ratio, params, macs, features) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            long id = rs.next() ? rs.getLong(1) : 0;
            arch.setLong(1, id);
            arch.setLong(2, c.spaceIndex());
            arch.setString(3, SpecFormat.toText(c.spec()));
            arch.setString(4, c.status().name());
            arch.setDouble(5, c.summary().ratio());
            arch.setLong(6, c.summary().params());
            arch.setLong(7, c.summary().macs());
            arch.setLong(8, c.summary().features());
            arch.executeUpdate();
            db.commit();
            return id;
        } catch (SQLException e) {
            rollbackQuietly();
            throw storeError("cannot add architecture " + c.spaceIndex(), e);
        }
    }

    /** The connection, for the small tables of other classes (e.g. {@code StrategyTables}); same transaction rules. */
    Connection connection() {
        return db;
    }

    /**
     * Writes a derived score (e.g. {@code combined} from {@code validate --apply}) as proxy
     * {@code name} of these architectures, replacing any earlier values of it, in one transaction.
     */
    public void putProxy(String name, Map<Long, Double> valueByArch) {
        try {
            ProxyTable.replace(db, name, valueByArch);
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw storeError("cannot store proxy " + name, e);
        }
    }

    /** Marks an architecture whose probe threw; a re-run retries it. */
    public void markFailed(long archId, String error) {
        try (PreparedStatement upd = db.prepareStatement("UPDATE archs SET status = 'FAILED', error = ? WHERE id = ?")) {
            upd.setString(1, error);
            upd.setLong(2, archId);
            upd.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw storeError("cannot mark architecture " + archId + " failed", e);
        }
    }

    // ------------------------------------------------------------------ reading

    public long trialCount() {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM trials")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw storeError("cannot count trials", e);
        }
    }

    public SearchCounts counts() {
        Map<ArchStatus, Long> n = new EnumMap<>(ArchStatus.class);
        for (ArchStatus s : ArchStatus.values()) {
            n.put(s, 0L);
        }
        long total = 0;
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM archs GROUP BY status")) {
            while (rs.next()) {
                n.put(ArchStatus.valueOf(rs.getString(1)), rs.getLong(2));
                total += rs.getLong(2);
            }
        } catch (SQLException e) {
            throw storeError("cannot count architectures", e);
        }
        return new SearchCounts(total, n.get(ArchStatus.INVALID_SHAPE), n.get(ArchStatus.RATIO_OUT_OF_RANGE),
                n.get(ArchStatus.CUT), n.get(ArchStatus.FULL), n.get(ArchStatus.FAILED), n.get(ArchStatus.PENDING));
    }

    /** Every architecture with at least one stored trial, in search order, fitness not yet scored. */
    public List<ArchAggregate> aggregates() {
        List<ArchAggregate> out = new ArrayList<>();
        String sql = "SELECT a.id, a.space_index, a.spec, a.status, a.ratio, a.params, a.macs, a.features, "
                + "t.trial, t.test_accuracy, t.train_accuracy, t.throughput, t.ridge_seconds, t.features "
                + "FROM archs a JOIN trials t ON t.arch_id = a.id ORDER BY a.id, t.trial";
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            Map<Long, Map<Integer, Map<String, Double>>> proxies = ProxyTable.all(db);
            ArchRow cur = null;
            List<TrialResult> trials = new ArrayList<>();
            while (rs.next()) {
                long id = rs.getLong(1);
                if (cur != null && cur.id() != id) {
                    out.add(aggregate(cur, trials));
                    trials = new ArrayList<>();
                }
                if (cur == null || cur.id() != id) {
                    cur = archRow(rs);
                }
                TrialResult t = trialResult(rs, 9);
                trials.add(t.withProxies(proxies.getOrDefault(id, Map.of()).getOrDefault(t.trial(), Map.of())));
            }
            if (cur != null) {
                out.add(aggregate(cur, trials));
            }
            return out;
        } catch (SQLException e) {
            throw storeError("cannot read results", e);
        }
    }

    private static ArchAggregate aggregate(ArchRow a, List<TrialResult> trials) {
        return ArchAggregate.of(a.id(), a.spaceIndex(), a.parsedSpec(), a.spec(), a.status(), trials, a.ratio(),
                a.params(), a.macs(), a.features());
    }

    /** The canonical configuration the run was created with. */
    public Map<String, Object> config() {
        String json = configTable().get("config");
        return json == null ? Map.of() : SearchConfig.parse(json);
    }

    /** Run metadata: versions, creation time, threads, candidate count, ... */
    public Map<String, String> meta() {
        Map<String, String> m = configTable();
        m.remove("config");
        return m;
    }

    private Map<String, String> configTable() {
        Map<String, String> m = new LinkedHashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT key, value FROM config ORDER BY key")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw storeError("cannot read configuration", e);
        }
        return m;
    }

    /** A PRAGMA's current value on this connection (tests check the durability settings). */
    String pragma(String name) {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw storeError("cannot read pragma " + name, e);
        }
    }

    public Path runDir() {
        return runDir;
    }

    // ------------------------------------------------------------------ plumbing

    private UserException storeError(String what, SQLException e) {
        return new UserException("run dir " + runDir + ": " + what + " (" + e.getMessage() + ")", e);
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

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort while reporting another error
            }
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // committed data is safe; nothing useful to do
        }
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // released when the channel closes
        }
        closeQuietly(lockChannel);
    }
}
