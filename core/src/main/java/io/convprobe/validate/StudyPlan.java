package io.convprobe.validate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.convprobe.UserException;
import io.convprobe.search.ArchAggregate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A study's plan, {@code study.json}: the settings that make two sessions the same study and the
 * architectures it trains, chosen in the first session (stratified across the ranking) and read
 * back by every later one; other settings on resume are refused.
 */
public final class StudyPlan {
    static final String FILE = "study.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StudyPlan() {}

    /** Everything that makes two sessions the same study (stored in study.json, compared on resume). */
    /** Everything that makes two sessions train the same way (and sample the same study). */
    public static Map<String, Object> settings(Study.Request r, String score, String trainDataset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", score);
        m.put("from", r.from());
        m.put("count", r.count());
        m.put("seed", r.seed());
        m.put("dataset", trainDataset);
        m.put("train_size", r.trainSize());
        m.put("test_size", r.testSize());
        m.put("channels", r.channels());
        m.put("epochs", r.maxInputs() == null ? r.epochsOrDefault() : null);
        m.put("max_inputs", r.maxInputs());
        m.put("optimizer", r.optimizer());
        m.put("lr", r.lr());
        m.put("schedule", r.schedule());
        m.put("batch_size", r.batchSize());
        m.put("augment", r.augment());
        m.put("recipe", r.recipe()); // null in studies made before: String.valueOf(null) compares equal
        m.put("normalize", r.normalize());
        return m;
    }

    /** The settings that differ, as "name stored ≠ given" (a key missing from {@code old} compares as null). */
    public static List<String> differences(Map<String, Object> old, Map<String, Object> now) {
        List<String> diff = new ArrayList<>();
        for (String k : now.keySet()) {
            if (!Objects.equals(String.valueOf(old.get(k)), String.valueOf(now.get(k)))) {
                diff.add(k.replace('_', ' ') + " " + old.get(k) + " ≠ " + now.get(k));
            }
        }
        return diff;
    }

    /** The study's architecture ids: chosen now and stored, or read back from an earlier session. */
    static List<Long> ids(Study.Request r, Path studyDir, Map<String, Object> settings, List<ArchAggregate> ranking)
            throws IOException {
        Path file = studyDir.resolve(FILE);
        Map<String, Object> now = JSON.readValue(JSON.writeValueAsString(settings),
                new TypeReference<LinkedHashMap<String, Object>>() {});
        if (Files.isRegularFile(file)) {
            Map<String, Object> stored = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> old = (Map<String, Object>) stored.get("settings");
            List<String> diff = differences(old, now);
            if (!diff.isEmpty()) {
                throw new UserException(studyDir + " was started with other settings: " + String.join(", ", diff)
                        + " (stored ≠ given); use the original flags, or --name for another study");
            }
            return ((List<?>) stored.get("archs")).stream().map(o -> ((Number) o).longValue()).toList();
        }
        List<ArchAggregate> pool = ranking;
        if (r.from() != null) {
            Path other = r.run().resolve(r.from()).resolve(FILE);
            if (!Files.isRegularFile(other)) {
                throw new UserException("--from " + r.from() + ": " + other + " not found (run that study first)");
            }
            List<Long> theirs = ((List<?>) JSON.readValue(other.toFile(),
                    new TypeReference<LinkedHashMap<String, Object>>() {}).get("archs")).stream()
                    .map(o -> ((Number) o).longValue()).toList();
            pool = ranking.stream().filter(a -> theirs.contains(a.id())).toList(); // keeps the ranking's order
        }
        int[] pos = Selection.stratified(pool.size(), r.count(), r.seed());
        List<Long> ids = new ArrayList<>();
        for (int p : pos) {
            ids.add(pool.get(p).id());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", now);
        doc.put("archs", ids);
        Files.createDirectories(studyDir);
        Path tmp = Files.createTempFile(studyDir, FILE, ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(doc));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return ids;
    }
}
