package io.convprobe.train;

import io.convprobe.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run directory's records: SQLite {@code run.db} with tables {@code runs} (one row: the config and,
 * once finished, the summary) and {@code epochs} (one row per epoch), mirrored to {@code metrics.csv}
 * after every epoch. On resume, epochs after the checkpoint's are deleted first, so the tables match
 * the state training continues from.
 */
public final class TrainStore implements AutoCloseable {
    public static final String DB = "run.db";
    public static final String CSV = "metrics.csv";

    private final Path dir;
    private final Connection db;

    public TrainStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(DB));
            try (Statement st = db.createStatement()) {
                st.executeUpdate("CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT, "
                        + "model TEXT, spec TEXT, dataset TEXT, config TEXT, params INTEGER, status TEXT, "
                        + "started TEXT, finished TEXT, epochs INTEGER, val_loss REAL, val_accuracy REAL, "
                        + "train_minutes REAL, images_per_s REAL, best_epoch INTEGER, best_val_accuracy REAL)");
                st.executeUpdate("CREATE TABLE IF NOT EXISTS epochs (epoch INTEGER PRIMARY KEY, train_loss REAL, "
                        + "train_accuracy REAL, val_loss REAL, val_accuracy REAL, lr REAL, images_per_s REAL, "
                        + "elapsed_s REAL)");
            }
        } catch (IOException | SQLException e) {
            throw new UserException("cannot open run store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Records the run's identity; keeps an existing row's start time. */
    public void begin(String name, TrainConfig config, String spec, long params) {
        exec("INSERT INTO runs (id, name, model, spec, dataset, config, params, status, started) "
                + "VALUES (1, ?, ?, ?, ?, ?, ?, 'running', datetime('now')) ON CONFLICT(id) DO UPDATE SET "
                + "status = 'running', finished = NULL", name, config.model(), spec, config.dataset(),
                config.toJson(), params);
    }

    /** Drops epochs after {@code epoch} (a resumed run repeats them). */
    public void truncateAfter(int epoch) {
        exec("DELETE FROM epochs WHERE epoch > ?", epoch);
    }

    public void addEpoch(EpochMetrics m) {
        exec("INSERT OR REPLACE INTO epochs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", m.epoch(), m.trainLoss(),
                m.trainAccuracy(), m.valLoss(), m.valAccuracy(), m.lr(), m.imagesPerSecond(), m.elapsedSeconds());
        writeCsv();
    }

    public void finish(RunSummary s) {
        exec("UPDATE runs SET status = ?, finished = datetime('now'), epochs = ?, val_loss = ?, val_accuracy = ?, "
                + "train_minutes = ?, images_per_s = ?, best_epoch = ?, best_val_accuracy = ? WHERE id = 1",
                s.status(), s.epochs(), s.valLoss(), s.valAccuracy(), s.trainMinutes(), s.imagesPerSecond(),
                s.bestEpoch(), s.bestValAccuracy());
    }

    public void setStatus(String status) {
        exec("UPDATE runs SET status = ? WHERE id = 1", status);
    }

    public List<EpochMetrics> epochs() {
        List<EpochMetrics> out = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT * FROM epochs ORDER BY epoch")) {
            while (rs.next()) {
                out.add(new EpochMetrics(rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)));
            }
        } catch (SQLException e) {
            throw new UserException("cannot read " + dir.resolve(DB) + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The run's status, or null when the store has no run yet. */
    public String status() {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT status FROM runs")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new UserException("cannot read " + dir.resolve(DB) + ": " + e.getMessage(), e);
        }
    }

    /** Rewrites metrics.csv from the table (temporary file + rename). */
    private void writeCsv() {
        StringBuilder sb = new StringBuilder(
                "epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,images_per_s,elapsed_s\n");
        for (EpochMetrics m : epochs()) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.8g,%.1f,%.2f%n", m.epoch(), m.trainLoss(),
                    m.trainAccuracy(), m.valLoss(), m.valAccuracy(), m.lr(), m.imagesPerSecond(), m.elapsedSeconds()));
        }
        Path csv = dir.resolve(CSV);
        try {
            Path tmp = Files.createTempFile(dir, CSV, ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserException("cannot write " + csv + ": " + e.getMessage(), e);
        }
    }

    private void exec(String sql, Object... args) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new UserException("cannot write " + dir.resolve(DB) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing a read-mostly connection: nothing to recover
        }
    }
}
