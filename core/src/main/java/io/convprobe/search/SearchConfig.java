package io.convprobe.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.arch.Shape;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.proxy.Proxies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What makes two searches the same experiment: the dataset and its input shape, the probe settings
 * that change trial results or which trials run, and the candidates. A run directory keeps the
 * canonical JSON of this; resuming with a different one is refused (a different {@code --proxies}
 * list too: stored trials would lack the new scores). The fitness weight is not
 * part of it (it only re-ranks stored results), nor are threads and versions (recorded and warned
 * about, see {@link ResultStore}).
 */
public record SearchConfig(String dataset, Shape input, ProbeSettings settings, String candidates, Proxies proxies) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SearchConfig {
        proxies = proxies == null ? Proxies.none() : proxies;
    }

    /** A search without proxies (its canonical form has no {@code proxies} key, as before proxies existed). */
    public SearchConfig(String dataset, Shape input, ProbeSettings settings, String candidates) {
        this(dataset, input, settings, candidates, Proxies.none());
    }

    /** Fixed key order, so the JSON text is canonical. */
    public Map<String, Object> canonical() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("input", input.toString());
        m.put("train_size", settings.trainSize());
        m.put("test_size", settings.testSize());
        m.put("trials", settings.trials());
        m.put("min_accuracy", settings.minAccuracy());
        m.put("min_throughput", settings.minThroughput());
        m.put("seed", settings.seed());
        m.put("batch_size", settings.batchSize());
        m.put("candidates", candidates);
        if (!proxies.isEmpty()) {
            m.put("proxies", proxies.describe()); // the canonical list, as stored since proxies exist
        }
        return m;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(canonical());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored search configuration is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Human-readable differences from a stored configuration, e.g. {@code trials 3 ≠ 5} (stored
     * value first); empty when they are the same experiment.
     */
    public List<String> differences(Map<String, Object> stored) {
        Map<String, Object> now = parse(toJson()); // same number types on both sides
        Set<String> keys = new LinkedHashSet<>(stored.keySet());
        keys.addAll(now.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            String a = String.valueOf(stored.get(k));
            String b = String.valueOf(now.get(k));
            if (!Objects.equals(a, b)) {
                out.add(k.replace('_', ' ') + " " + a + " ≠ " + b);
            }
        }
        return out;
    }
}
