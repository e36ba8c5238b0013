package io.convprobe.search;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.TrialResult;
import io.convprobe.store.ArchTable;
import io.convprobe.store.ConfigTable;
import io.convprobe.store.LayerTimingTable;
import io.convprobe.store.RunLock;
import io.convprobe.store.Sqlite;
import io.convprobe.store.TrialTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A search's results in {@code results.db} (SQLite) inside the run directory, in the search's
 * terms (configurations, candidates, {@link ArchStatus}, {@link ArchAggregate}). The tables and
 * the SQLite rules are in {@code io.convprobe.store}: {@link ConfigTable} (configuration and
 * metadata), {@link ArchTable} (one row per candidate, its position in the search is {@code id}),
 * {@link TrialTable} (one row per completed (architecture, trial), with the proxies), the
 * {@link LayerTimingTable}, the {@link RunLock} and the {@link Sqlite} connection.
 *
 * <p>Crash safety: candidates are registered in one transaction together with the config; each
 * trial is one transaction (the trial row and its architecture's new status), durable when the
 * call returns (see {@link Sqlite}). The lock keeps two searches off the same directory.
 */
public final class ResultStore implements AutoCloseable {
    public static final String DB_FILE = "results.db";
    private static final int SCHEMA = 1;

    private final Path runDir;
    private final Sqlite db;
    private final RunLock lock;
    private final ConfigTable configTable;
    private final ArchTable archs;
    private final TrialTable trials;

    private ResultStore(Path runDir, Sqlite db, RunLock lock) {
        this.runDir = runDir;
        this.db = db;
        this.lock = lock;
        this.configTable = new ConfigTable(db.connection());
        this.archs = new ArchTable(db.connection());
        this.trials = new TrialTable(db.connection());
    }

    // ------------------------------------------------------------------ opening

    /** Opens (creating if needed) the run directory's store for a search; one search at a time. */
    public static ResultStore openForSearch(Path runDir) {
        RunLock lock = null;
        Sqlite db = null;
        try {
            Files.createDirectories(runDir);
            lock = RunLock.acquire(runDir);
            db = Sqlite.openForWriting(runDir.resolve(DB_FILE), runDir);
            try (Statement st = db.connection().createStatement()) {
                createSchema(st);
            }
            db.connection().commit();
            return new ResultStore(runDir, db, lock);
        } catch (IOException | SQLException e) {
            closeQuietly(db);
            closeQuietly(lock);
            throw new UserException("run dir " + runDir + ": cannot open " + DB_FILE + " (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            closeQuietly(lock);
            throw e;
        }
    }

    /** Opens a run directory's store read-only (for reports; safe while a search is writing). */
    public static ResultStore open(Path runDir) {
        Path file = runDir.resolve(DB_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserException(runDir + ": not a search run directory (" + DB_FILE + " not found)");
        }
        Sqlite db;
        try {
            db = Sqlite.openReadOnly(file, runDir);
        } catch (SQLException e) {
            throw new UserException(runDir + ": cannot read " + DB_FILE + " (" + e.getMessage() + ")", e);
        }
        ResultStore s = new ResultStore(runDir, db, null);
        boolean configured;
        try {
            configured = s.configTable.all().containsKey(ConfigTable.CONFIG);
        } catch (SQLException e) {
            s.close();
            throw new UserException(runDir + ": cannot read " + DB_FILE + " (" + e.getMessage() + ")", e);
        }
        if (!configured) {
            s.close();
            throw new UserException(runDir + ": search results have no configuration (created but never started)");
        }
        return s;
    }

    /** Reads a finished or partial run: config, architectures scored with the published fitness, counts. */
    public static RunResults read(Path runDir, double throughputWeight) {
        return snapshot(runDir).scored(throughputWeight, RankScore.RIDGE);
    }

    /**
     * Reads a finished or partial run with the architectures' fitness not yet scored (NaN), for
     * callers that rank by another score ({@link RunResults#scored}).
     */
    public static RunResults snapshot(Path runDir) {
        try (ResultStore s = open(runDir)) {
            return new RunResults(runDir, s.config(), s.meta(), s.aggregates(), s.counts(), s.trial0Accuracies());
        }
    }

    private static void createSchema(Statement st) throws SQLException {
        ConfigTable.createSchema(st);
        ArchTable.createSchema(st);
        TrialTable.createSchema(st);
        LayerTimingTable.createSchema(st);
    }

    /** The run's timing table (the sweep's per-layer-shape timings and conv algorithms). */
    public LayerTimingTable layerTimings() {
        return new LayerTimingTable(db);
    }

    // ------------------------------------------------------------------ starting a search

    /**
     * Starts or resumes: on a new store writes the config and metadata and registers every
     * candidate (one transaction); on an existing one refuses a different configuration and warns
     * about changed metadata (versions, threads). Returns true when resuming.
     */
    public boolean begin(SearchConfig config, Map<String, String> meta, Candidates candidates, Consumer<String> warn) {
        return db.inTransaction("cannot start", c -> {
            if (ConfigTable.resumes(runDir, configTable.all(), json -> config.differences(SearchConfig.parse(json)),
                    meta, warn)) {
                return true;
            }
            Map<String, String> all = new LinkedHashMap<>();
            all.put("schema", Integer.toString(SCHEMA));
            all.put(ConfigTable.CONFIG, config.toJson());
            all.putAll(meta);
            all.put("created_at", Instant.now().toString());
            all.put("candidates", Long.toString(candidates.count()));
            configTable.insert(all);
            long[] id = {0};
            archs.insertAll(sink -> candidates.forEach(cand -> sink.accept(row(id[0]++, cand))));
            return false;
        });
    }

    /** The archs row of a candidate; NaN and −1 for the shape numbers of a shape-invalid one. */
    private static ArchTable.Row row(long id, Candidate c) {
        boolean shaped = c.summary() != null;
        return new ArchTable.Row(id, c.spaceIndex(), SpecFormat.toText(c.spec()), c.status().name(),
                shaped ? c.summary().ratio() : Double.NaN, shaped ? c.summary().params() : -1,
                shaped ? c.summary().macs() : -1, shaped ? c.summary().features() : -1);
    }

    // ------------------------------------------------------------------ the search loop

    /** One architecture row. {@code spaceIndex} −1 for listed specs; ratio etc. NaN/−1 when shape-invalid. */
    public record ArchRow(long id, long spaceIndex, String spec, ArchStatus status, double ratio, long params,
            long macs, long features) {
        public ArchSpec parsedSpec() {
            return SpecFormat.parse(spec);
        }

        static ArchRow of(ArchTable.Row r) {
            return new ArchRow(r.id(), r.spaceIndex(), r.spec(), ArchStatus.valueOf(r.status()), r.ratio(),
                    r.params(), r.macs(), r.features());
        }
    }

    /** Ids of the architectures that still need trials (pending or failed), in search order. */
    public long[] idsNeedingWork() {
        return db.read("cannot read architectures",
                c -> archs.idsWithStatus(List.of(ArchStatus.PENDING.name(), ArchStatus.FAILED.name())));
    }

    public ArchRow arch(long id) {
        ArchTable.Row r = db.read("cannot read architecture " + id, c -> archs.row(id));
        if (r == null) {
            throw new IllegalArgumentException("no architecture " + id + " in " + runDir);
        }
        return ArchRow.of(r);
    }

    /** Visits every architecture row in search order (one query; for planning work over the whole run). */
    public void forEachArch(Consumer<ArchRow> action) {
        db.read("cannot read architectures", c -> {
            archs.forEach(r -> action.accept(ArchRow.of(r)));
            return null;
        });
    }

    /** The stored trials of an architecture, by trial number. */
    public List<TrialResult> trials(long archId) {
        return db.read("cannot read trials of architecture " + archId, c -> trials.of(archId));
    }

    /** Trial-0 test accuracy of every architecture that has one, by architecture id (one query). */
    public Map<Long, Double> trial0Accuracies() {
        return db.read("cannot read trial-0 accuracies", c -> trials.trial0Accuracies());
    }

    /**
     * Stores one completed trial (with its proxy scores) and the architecture's resulting status,
     * atomically and durably.
     */
    public void addTrial(long archId, TrialResult r, ArchStatus status) {
        db.inTransaction("cannot store trial " + r.trial() + " of architecture " + archId, c -> {
            trials.insert(archId, r);
            archs.setStatus(archId, status.name(), null);
            return null;
        });
    }

    /** Inserts one trial row and its proxy scores (no commit: the caller's transaction). */
    static void insertTrial(Connection db, long archId, TrialResult r) throws SQLException {
        new TrialTable(db).insert(archId, r);
    }

    /** Work on the store's connection inside one transaction (for the store's own table classes). */
    interface SqlWork<T> extends Sqlite.Work<T> {}

    /** Runs {@code work} and commits; on any failure rolls back and rethrows (SQL errors as a UserException). */
    <T> T inTransaction(String what, SqlWork<T> work) {
        return db.inTransaction(what, work);
    }

    /**
     * Registers one more candidate after {@link #begin} (strategies that choose architectures as
     * they go) with the next id, committed; returns its id.
     */
    public long addCandidate(Candidate c) {
        return db.inTransaction("cannot add architecture " + c.spaceIndex(), x -> archs.append(row(-1, c)));
    }

    /** The connection with its transaction and error rules, for the other tables of the run (e.g. {@code StrategyTables}). */
    Sqlite db() {
        return db;
    }

    /**
     * Writes a derived score (e.g. {@code combined} from {@code validate --apply}) as proxy
     * {@code name} of these architectures, replacing any earlier values of it, in one transaction.
     */
    public void putProxy(String name, Map<Long, Double> valueByArch) {
        db.inTransaction("cannot store proxy " + name, c -> {
            trials.proxies().replace(name, valueByArch);
            return null;
        });
    }

    /** Marks an architecture whose probe threw; a re-run retries it. */
    public void markFailed(long archId, String error) {
        db.inTransaction("cannot mark architecture " + archId + " failed", c -> {
            archs.setStatus(archId, ArchStatus.FAILED.name(), error);
            return null;
        });
    }

    // ------------------------------------------------------------------ reading

    public long trialCount() {
        return db.read("cannot count trials", c -> trials.count());
    }

    public SearchCounts counts() {
        Map<ArchStatus, Long> n = new EnumMap<>(ArchStatus.class);
        for (ArchStatus s : ArchStatus.values()) {
            n.put(s, 0L);
        }
        db.read("cannot count architectures", c -> archs.countByStatus())
                .forEach((status, count) -> n.put(ArchStatus.valueOf(status), count));
        long total = n.values().stream().mapToLong(Long::longValue).sum();
        return new SearchCounts(total, n.get(ArchStatus.INVALID_SHAPE), n.get(ArchStatus.RATIO_OUT_OF_RANGE),
                n.get(ArchStatus.CUT), n.get(ArchStatus.FULL), n.get(ArchStatus.FAILED), n.get(ArchStatus.PENDING));
    }

    /** Every architecture with at least one stored trial, in search order, fitness not yet scored. */
    public List<ArchAggregate> aggregates() {
        List<ArchAggregate> out = new ArrayList<>();
        db.read("cannot read results", c -> {
            trials.forEachTried((row, ts) -> out.add(aggregate(ArchRow.of(row), ts)));
            return null;
        });
        return out;
    }

    /** An architecture's aggregate over {@code trials} (at least one). */
    static ArchAggregate aggregate(ArchRow a, List<TrialResult> trials) {
        return ArchAggregate.of(a.id(), a.spaceIndex(), a.parsedSpec(), a.spec(), a.status(), trials, a.ratio(),
                a.params(), a.macs(), a.features());
    }

    /** The canonical configuration the run was created with. */
    public Map<String, Object> config() {
        String json = configTable().get(ConfigTable.CONFIG);
        return json == null ? Map.of() : SearchConfig.parse(json);
    }

    /** Run metadata: versions, creation time, threads, candidate count, ... */
    public Map<String, String> meta() {
        Map<String, String> m = configTable();
        m.remove(ConfigTable.CONFIG);
        return m;
    }

    private Map<String, String> configTable() {
        return db.read("cannot read configuration", c -> configTable.all());
    }

    public Path runDir() {
        return runDir;
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
        db.close();
        closeQuietly(lock);
    }
}
