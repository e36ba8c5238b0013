package io.convprobe.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code shards} table of {@code results.db}: one row per shard of a distributed search (its id
 * range and prefix), with its status ({@code PENDING}, {@code DONE}, {@code FAILED}), the task
 * attempts it took over all runs, the executor host and task seconds of its last completed attempt,
 * and the last error. A record for the user: which shards still need work is read from the
 * architectures' statuses (the truth), and this table follows them. Created on first use.
 */
final class ShardTable {
    private ShardTable() {}

    static void createSchema(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS shards (shard INTEGER PRIMARY KEY, "
                    + "first_id INTEGER NOT NULL, last_id INTEGER NOT NULL, prefix TEXT NOT NULL, "
                    + "candidates INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
                    + "host TEXT, seconds REAL, error TEXT, updated_at TEXT NOT NULL)");
        }
    }

    /**
     * Makes the table describe {@code plan}: the same layout keeps its rows (attempts, hosts) and
     * only refreshes DONE/PENDING from the pending counts; another layout (a new --shard-depth)
     * replaces them.
     */
    static void sync(Connection db, ShardPlan plan) throws SQLException {
        createSchema(db);
        List<ShardWriter.ShardStatus> stored = all(db);
        List<Shard> shards = plan.all();
        boolean same = stored.size() == shards.size();
        for (int i = 0; same && i < shards.size(); i++) {
            same = stored.get(i).firstId() == shards.get(i).firstId() && stored.get(i).lastId() == shards.get(i).lastId();
        }
        String now = Instant.now().toString();
        if (!same) {
            try (Statement st = db.createStatement()) {
                st.execute("DELETE FROM shards");
            }
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO shards(shard, first_id, last_id, prefix, "
                    + "candidates, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Shard s : shards) {
                    ins.setInt(1, s.index());
                    ins.setLong(2, s.firstId());
                    ins.setLong(3, s.lastId());
                    ins.setString(4, s.prefix());
                    ins.setInt(5, s.candidates());
                    ins.setString(6, s.pending() == 0 ? "DONE" : "PENDING");
                    ins.setString(7, now);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            return;
        }
        try (PreparedStatement upd = db.prepareStatement("UPDATE shards SET status = ?, updated_at = ? "
                + "WHERE shard = ? AND status <> ?")) {
            for (Shard s : shards) {
                String status = s.pending() == 0 ? "DONE" : stored.get(s.index()).status().equals("FAILED") ? "FAILED"
                        : "PENDING";
                upd.setString(1, status);
                upd.setString(2, now);
                upd.setInt(3, s.index());
                upd.setString(4, status);
                upd.addBatch();
            }
            upd.executeBatch();
        }
    }

    /** A task of the shard completed on its {@code attempt}-th try (0-based) and its rows were written. */
    static void completed(Connection db, int shard, int attempt, String host, double seconds, String error)
            throws SQLException {
        try (PreparedStatement upd = db.prepareStatement("UPDATE shards SET status = ?, attempts = attempts + ?, "
                + "host = ?, seconds = ?, error = ?, updated_at = ? WHERE shard = ?")) {
            upd.setString(1, error == null ? "DONE" : "FAILED");
            upd.setInt(2, attempt + 1);
            upd.setString(3, host);
            upd.setDouble(4, seconds);
            upd.setString(5, error);
            upd.setString(6, Instant.now().toString());
            upd.setInt(7, shard);
            upd.executeUpdate();
        }
    }

    /** Every attempt of the shard's task failed (or the job was cancelled); its architectures stay pending. */
    static void failed(Connection db, int shard, int attempts, String error) throws SQLException {
        try (PreparedStatement upd = db.prepareStatement("UPDATE shards SET status = 'FAILED', "
                + "attempts = attempts + ?, error = ?, updated_at = ? WHERE shard = ?")) {
            upd.setInt(1, attempts);
            upd.setString(2, error);
            upd.setString(3, Instant.now().toString());
            upd.setInt(4, shard);
            upd.executeUpdate();
        }
    }

    static List<ShardWriter.ShardStatus> all(Connection db) throws SQLException {
        createSchema(db);
        List<ShardWriter.ShardStatus> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT shard, first_id, last_id, "
                + "prefix, status, attempts, host, error FROM shards ORDER BY shard")) {
            while (rs.next()) {
                out.add(new ShardWriter.ShardStatus(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7), rs.getString(8)));
            }
        }
        return out;
    }
}
