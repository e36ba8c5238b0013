package io.convprobe.find;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.convprobe.UserException;
import io.convprobe.Version;
import io.convprobe.search.ArchAggregate;
import io.convprobe.validate.StudyPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A find's files: {@code find.json} (its settings, written before anything trains and compared on
 * every re-run; then the provenance and result) and {@code trajectory.csv} (every observation,
 * rewritten after each one, so a killed search leaves its trajectory so far).
 */
public final class FindFiles {
    public static final String JSON_FILE = "find.json";
    public static final String CSV = "trajectory.csv";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FindFiles() {}

    /** Stores the settings, or refuses when the directory holds a find started with others. */
    static void begin(Path dir, Map<String, Object> settings) {
        Path file = dir.resolve(JSON_FILE);
        try {
            Map<String, Object> now = JSON.readValue(JSON.writeValueAsString(settings),
                    new TypeReference<LinkedHashMap<String, Object>>() {});
            if (Files.isRegularFile(file)) {
                Map<String, Object> stored = JSON.readValue(file.toFile(),
                        new TypeReference<LinkedHashMap<String, Object>>() {});
                @SuppressWarnings("unchecked")
                Map<String, Object> old = (Map<String, Object>) stored.getOrDefault("settings", Map.of());
                List<String> diff = StudyPlan.differences(old, now);
                if (!diff.isEmpty()) {
                    throw new UserException(dir + " holds a find started with other settings: " + String.join(", ", diff)
                            + " (stored ≠ given); use the original flags, or search again into another run");
                }
                return;
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("settings", now);
            doc.put("status", "running");
            write(file, JSON.writeValueAsString(doc));
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void trajectory(Path dir, List<ArchAggregate> population, List<GuidedSearch.Step> steps) {
        StringBuilder b = new StringBuilder("step,id,spec,phase,rung,epochs,accuracy,tse,cost,spent,best_id,best_epochs,"
                + "best_accuracy\n");
        for (GuidedSearch.Step s : steps) { // tse: the training losses summed so far (empty for a table)
            b.append(String.format(Locale.ROOT, "%d,%d,\"%s\",%s,%d,%d,%.4f,%s,%d,%d,%d,%d,%.4f%n", s.step(),
                    population.get(s.network()).id(), population.get(s.network()).spec().replace("\"", "\"\""),
                    s.phase(), s.rung(), s.epochs(), s.accuracy(),
                    Double.isNaN(s.tse()) ? "" : String.format(Locale.ROOT, "%.6f", s.tse()), s.cost(), s.spent(),
                    population.get(s.best()).id(),
                    s.bestEpochs(), s.bestAccuracy()));
        }
        write(dir.resolve(CSV), b.toString());
    }

    static void finish(Path dir, Map<String, Object> settings, Find.Outcome o) {
        GuidedSearch.Result r = o.result();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", settings);
        doc.put("status", "finished");
        doc.put("version", Version.convprobe());
        doc.put("unit", o.unit());
        doc.put("rungs", o.schedule().rungs());
        doc.put("counts", o.schedule().counts());
        doc.put("budget_units", o.schedule().budget());
        doc.put("planned_cost", o.schedule().cost());
        doc.put("spent", r.spent());
        List<Map<String, Object>> refits = new ArrayList<>();
        for (GuidedSearch.Refit f : r.refits()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trained", f.trained());
            m.put("model", f.label());
            m.put("cv_spearman", Double.isNaN(f.cvSpearman()) ? null : f.cvSpearman());
            refits.add(m);
        }
        doc.put("refits", refits);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", o.winner().id());
        w.put("spec", o.winner().spec());
        w.put("epochs", r.winnerEpochs());
        w.put("accuracy", r.winnerAccuracy());
        doc.put("winner", w);
        try {
            write(dir.resolve(JSON_FILE), JSON.writeValueAsString(doc));
        } catch (IOException e) {
            throw new UserException("cannot write " + dir.resolve(JSON_FILE) + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
