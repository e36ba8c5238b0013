package io.convprobe.store;

import io.convprobe.UserException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code config(key, value)} table: the run's canonical configuration (JSON under
 * {@link #CONFIG}) and its metadata (schema version, versions, creation time, threads, candidate
 * count). The configuration decides whether a run directory may be resumed: the store does not
 * read the JSON itself, the caller says how two configurations differ.
 */
public final class ConfigTable {
    /** The key of the canonical configuration. */
    public static final String CONFIG = "config";

    private final Connection db;

    public ConfigTable(Connection db) {
        this.db = db;
    }

    public static void createSchema(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS config (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    }

    /** Every entry, by key. */
    public Map<String, String> all() throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT key, value FROM config ORDER BY key")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getString(2));
            }
        }
        return m;
    }

    /** Adds the entries (no commit: the caller's transaction). */
    public void insert(Map<String, String> entries) throws SQLException {
        try (PreparedStatement put = db.prepareStatement("INSERT INTO config(key, value) VALUES (?, ?)")) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                put.setString(1, e.getKey());
                put.setString(2, e.getValue());
                put.executeUpdate();
            }
        }
    }

    /**
     * Decides whether a run may go on in a directory whose configuration is {@code stored}
     * ({@link #all()}): false when none is stored yet (a new run); true when it is the same
     * configuration (a resume), after warning about each metadata entry (versions, threads) that
     * changed, since old and new throughputs may then not compare.
     *
     * @param differences the given configuration's differences from the stored JSON, as
     *                    {@code "name stored ≠ given"} phrases; none means the same configuration
     * @throws UserException naming the differences when the configuration is another one
     */
    public static boolean resumes(Path runDir, Map<String, String> stored, Function<String, List<String>> differences,
            Map<String, String> meta, Consumer<String> warn) {
        if (!stored.containsKey(CONFIG)) {
            return false;
        }
        List<String> diff = differences.apply(stored.get(CONFIG));
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
}
