package io.convprobe.report;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.SpecFormat;
import io.convprobe.train.EpochMetrics;
import io.convprobe.train.TrainConfig;
import io.convprobe.train.TrainStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a training run directory ({@code run.db}) into the report's {@link TrainingSummary}
 * (accuracies as percent), plus the trained network's body in the published notation, which is how
 * a proxy validation finds the same architecture in a search run.
 */
public final class TrainingRunLoader {
    private TrainingRunLoader() {}

    /** A training run and the spec key used to match it with search rows (null if none). */
    public record Loaded(TrainingSummary summary, String spec) {}

    public static boolean isTrainingRun(Path dir) {
        return Files.isRegularFile(dir.resolve(TrainStore.DB));
    }

    public static Loaded load(Path runDir) {
        Path db = runDir.resolve(TrainStore.DB);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, model, spec, config, params, val_loss, val_accuracy, "
                        + "best_epoch, train_minutes, images_per_s FROM runs WHERE id = 1")) {
            if (!rs.next()) {
                throw new UserException(db + ": no training run recorded");
            }
            TrainConfig cfg = TrainConfig.fromJson(rs.getString("config"));
            List<EpochRow> epochs = new ArrayList<>();
            for (EpochMetrics m : epochs(c)) {
                epochs.add(new EpochRow(m.epoch(), m.trainLoss(), 100 * m.trainAccuracy(), m.valLoss(),
                        100 * m.valAccuracy(), m.lr(), m.imagesPerSecond(), m.elapsedSeconds()));
            }
            EpochRow last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
            double valLoss = orElse(rs.getObject("val_loss"), last == null ? Double.NaN : last.valLoss());
            double valAcc = 100 * orElse(rs.getObject("val_accuracy"), last == null ? Double.NaN : last.valAccuracy() / 100);
            TrainingSummary s = new TrainingSummary(runDir.getFileName().toString(), rs.getString("model"),
                    cfg.optimizer(), cfg.lr(), cfg.batchSize(), rs.getLong("params"), epochs, valLoss, valAcc,
                    rs.getInt("best_epoch"), orElse(rs.getObject("train_minutes"), Double.NaN),
                    orElse(rs.getObject("images_per_s"), Double.NaN), runDir.toString());
            return new Loaded(s, bodyKey(rs.getString("spec")));
        } catch (SQLException e) {
            throw new UserException("cannot read training run " + db + ": " + e.getMessage(), e);
        }
    }

    private static List<EpochMetrics> epochs(Connection c) throws SQLException {
        List<EpochMetrics> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM epochs ORDER BY epoch")) {
            while (rs.next()) {
                out.add(new EpochMetrics(rs.getInt(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8)));
            }
        }
        return out;
    }

    /**
     * The layers before the classifier head (the first flatten) in the published notation, or null
     * when the body is not a conv+ReLU stack (then no search run can have probed it), as for an
     * {@code nb201:} cell network.
     */
    static String bodyKey(String specText) {
        if (specText == null || specText.isBlank() || SpecFormat.isNb201(specText)) {
            return null;
        }
        ArchSpec spec = SpecFormat.parse(specText);
        List<Layer> body = new ArrayList<>();
        for (Layer l : spec.layers()) {
            if (l instanceof Layer.Flatten || l instanceof Layer.Linear) {
                break;
            }
            body.add(l);
        }
        if (body.isEmpty()) {
            return null;
        }
        ArchSpec b = new ArchSpec(body);
        return SpecFormat.isPublishable(b) ? SpecFormat.toPublished(b) : null;
    }

    private static double orElse(Object v, double dflt) {
        return v instanceof Number n ? n.doubleValue() : dflt;
    }
}
