package io.convprobe.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.convprobe.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment file: fixed settings plus a {@code matrix} of lists, expanded to one run per
 * combination (the first matrix key varies slowest). Keys are {@link TrainConfig}'s snake_case
 * names; {@code runs_dir} (default {@code runs/<file name without extension>}) holds one
 * directory per run, named by {@link TrainConfig#runName()}.
 *
 * <pre>
 * dataset: fashion-mnist-mini
 * epochs: 3
 * matrix:
 *   model: [tutorial-net, simple-net]
 *   optimizer: [adam, sgd]
 *   lr: [1e-3]
 *   batch_size: [64]
 *   augment: [none, crop-flip]
 *   trial: [0, 1]
 * </pre>
 */
public record ExperimentMatrix(Path runsDir, List<Run> runs) {
    /** One expanded run and its directory. */
    public record Run(Path dir, TrainConfig config) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static ExperimentMatrix read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserException("cannot read experiment file " + file + ": " + e.getMessage(), e);
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return parse(text, file.toString(), Path.of("runs", stem));
    }

    /** Parses YAML text; {@code where} names it in errors. */
    public static ExperimentMatrix parse(String yaml, String where, Path defaultRunsDir) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UserException(where + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new UserException(where + ": expected a mapping with settings and a 'matrix' of lists");
        }
        ObjectNode fixed = ((ObjectNode) root).deepCopy();
        Path runsDir = defaultRunsDir;
        JsonNode rd = fixed.remove("runs_dir");
        if (rd != null) {
            runsDir = Path.of(rd.asText());
        }
        JsonNode matrix = fixed.remove("matrix");
        List<String> keys = new ArrayList<>();
        List<List<JsonNode>> values = new ArrayList<>();
        if (matrix != null) {
            if (!matrix.isObject()) {
                throw new UserException(where + ": 'matrix' must map setting names to lists");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = matrix.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (fixed.has(e.getKey())) {
                    throw new UserException(where + ": '" + e.getKey() + "' is both a fixed setting and a matrix key");
                }
                List<JsonNode> vs = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(vs::add);
                } else {
                    vs.add(e.getValue());
                }
                if (vs.isEmpty()) {
                    throw new UserException(where + ": matrix key '" + e.getKey() + "' has an empty list");
                }
                keys.add(e.getKey());
                values.add(vs);
            }
        }
        List<Run> runs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int[] idx = new int[keys.size()];
        while (true) {
            ObjectNode one = fixed.deepCopy();
            for (int k = 0; k < keys.size(); k++) {
                one.set(keys.get(k), values.get(k).get(idx[k]));
            }
            TrainConfig c;
            try {
                c = TrainConfig.MAPPER.treeToValue(one, TrainConfig.class);
            } catch (IOException | IllegalArgumentException e) {
                throw TrainConfig.userError(where + " (run " + (runs.size() + 1) + ")", e);
            }
            if (!names.add(c.runName())) {
                throw new UserException(where + ": two runs would share the directory " + c.runName());
            }
            runs.add(new Run(runsDir.resolve(c.runName()), c));
            int k = keys.size() - 1;
            while (k >= 0 && ++idx[k] == values.get(k).size()) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                break;
            }
        }
        return new ExperimentMatrix(runsDir, runs);
    }
}
