package io.convprobe.report;

import io.convprobe.TextTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.data.Split;
import io.convprobe.train.Checkpoint;
import io.convprobe.train.Evaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What {@code convprobe evaluate} prints: a checkpoint's accuracy per class and its confusion matrix. */
public final class EvaluationText {
    private EvaluationText() {}

    /** The evaluation for {@code --json}. */
    public static ObjectNode json(Path file, String dataset, Split s, Evaluation e, List<String> classes, Checkpoint c) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("checkpoint", file.toString());
        o.put("epoch", c.info().epoch());
        o.put("dataset", dataset);
        o.put("split", s.key());
        o.put("images", e.count());
        o.put("loss", e.loss());
        o.put("accuracy", e.accuracy());
        ObjectNode per = o.putObject("per_class_accuracy");
        double[] acc = e.perClassAccuracy();
        for (int i = 0; i < acc.length; i++) {
            per.put(classes.get(i), acc[i]);
        }
        ArrayNode cm = o.putArray("confusion");
        for (long[] row : e.confusion()) {
            ArrayNode r = cm.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        return o;
    }

    /** The evaluation as the terminal shows it: accuracy per class and the confusion matrix. */
    public static String text(Path file, String dataset, Split s, Evaluation e, List<String> classes, Checkpoint c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (epoch %d) on %s %s, %,d images: loss %.5f, accuracy %.2f%%%n%n", file,
                c.info().epoch(), dataset, s.key(), e.count(), e.loss(), 100 * e.accuracy()));
        TextTable per = new TextTable("#", "class", "images", "accuracy");
        double[] acc = e.perClassAccuracy();
        for (int i = 0; i < acc.length; i++) {
            long n = 0;
            for (long v : e.confusion()[i]) {
                n += v;
            }
            per.row(i, classes.get(i), n, Double.isNaN(acc[i]) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * acc[i]));
        }
        sb.append(per.render()).append("\nconfusion matrix (rows: true class, columns: predicted)\n");
        String[] head = new String[classes.size() + 1];
        head[0] = "true\\pred";
        for (int i = 0; i < classes.size(); i++) {
            head[i + 1] = String.valueOf(i);
        }
        TextTable cm = new TextTable(head);
        for (int i = 0; i < classes.size(); i++) {
            Object[] row = new Object[classes.size() + 1];
            row[0] = i + " " + classes.get(i);
            for (int j = 0; j < classes.size(); j++) {
                row[j + 1] = e.confusion()[i][j];
            }
            cm.row(row);
        }
        return sb.append(cm.render()).toString();
    }
}
