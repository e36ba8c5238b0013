package io.convprobe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.UserException;
import io.convprobe.cells.CellRanking;
import io.convprobe.cells.CellSearch;
import io.convprobe.predict.ArchEncoding;
import io.convprobe.predict.Features;
import io.convprobe.predict.Fitted;
import io.convprobe.predict.Predictor;
import io.convprobe.stats.RankCorrelation;
import io.convprobe.validate.CombinedScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code bench predictor}: the predictor's inputs from a NAS-Bench-201 table (with convprobe's own
 * scores or the table's published ones) or from a validate study, and the study's leave-one-out
 * measurement. The learning curve itself is {@link io.convprobe.predict.LearningCurve}; the text,
 * {@link PredictorBenchText}.
 */
public final class PredictorBench {
    /** convprobe's scores the predictor reads on NAS-Bench-201 (not the ridge readouts: they rank cells backwards). */
    public static final List<String> SCORES = List.of("naswot", "synflow", "snip", "grad_norm", "jacob_cov", "zico",
            "params", "macs");

    private PredictorBench() {}

    /** A population: every network's features and accuracy, the score names in feature order, the prior's name. */
    public record Population(String name, List<Features> rows, double[] accuracy, List<String> scores, String prior,
            int encodingColumns) {}

    /** The table's networks with convprobe's scores from {@code scoresCsv} (what {@code bench nb201} wrote). */
    public static Population nb201(BenchTable table, Path scoresCsv, String column) {
        Nb201Bench.Scores s;
        try {
            List<String> lines = Files.exists(scoresCsv) ? Files.readAllLines(scoresCsv, StandardCharsets.UTF_8) : List.of();
            if (lines.isEmpty()) {
                throw new UserException("--scores " + scoresCsv + ": no such file or empty (bench nb201 writes it)");
            }
            s = Nb201Bench.read(scoresCsv, lines.get(0));
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserException u) {
                throw u;
            }
            throw new UserException("--scores " + scoresCsv + ": cannot read: " + e.getMessage());
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String name : SCORES) {
            if (!s.names().contains(name)) {
                throw new UserException("--scores " + scoresCsv + ": no column '" + name + "' (needs " + SCORES + ")");
            }
            values.put(name, table.entries().stream().mapToDouble(e -> s.values().getOrDefault(e.spec().cellString(),
                    Map.of()).getOrDefault(name, Double.NaN)).toArray());
        }
        List<String> prior = CellRanking.members(CellSearch.DEFAULT_RANK);
        return population("convprobe scores (" + scoresCsv.getFileName() + ")", table, values, prior, column);
    }

    /** The table's networks with {@code source}'s published scores (those of {@link #SCORES} it has, by its names). */
    public static Population nb201Published(BenchTable table, String source, String column) {
        if (!table.sources().contains(source)) {
            throw new UserException("--source " + source + ": not in " + table.file() + " (it has " + table.sources() + ")");
        }
        List<String> have = table.publishedNames(source);
        Map<String, double[]> values = new LinkedHashMap<>();
        for (String ours : SCORES) {
            String theirs = Nb201Analysis.SHARED.getOrDefault(ours, ours);
            if (have.contains(theirs)) {
                values.put(theirs, table.published(source, theirs));
            }
        }
        List<String> prior = new ArrayList<>();
        for (String m : CellRanking.members(CellSearch.DEFAULT_RANK)) {
            String theirs = Nb201Analysis.SHARED.getOrDefault(m, m);
            if (!values.containsKey(theirs)) {
                throw new UserException("--source " + source + ": has no '" + theirs + "' for the prior " + CellSearch.DEFAULT_RANK);
            }
            prior.add(theirs);
        }
        return population(source + " scores", table, values, prior, column);
    }

    /**
     * Percentiles among the table's networks (an undefined score ranks its network last, as in {@code bench nb201}),
     * the prior = the percentile of the rank average of {@code prior}'s members.
     */
    private static Population population(String name, BenchTable table, Map<String, double[]> values, List<String> prior,
            String column) {
        if (!table.accuracies().contains(column)) {
            throw new UserException("--column " + column + ": not in " + table.file() + " (it has " + table.accuracies() + ")");
        }
        double[] priorPct = CombinedScore.percentiles(Nb201Analysis.rankAverage(prior.stream().map(values::get).toList()));
        List<double[]> pct = values.values().stream().map(v -> CombinedScore.percentiles(Nb201Analysis.lastIfUndefined(v)))
                .toList();
        List<String> specs = table.entries().stream().map(e -> e.spec().toString()).toList();
        ArchEncoding enc = ArchEncoding.fit(specs);
        List<Features> rows = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            double[] sc = new double[pct.size()];
            for (int j = 0; j < sc.length; j++) {
                sc[j] = pct.get(j)[i];
            }
            rows.add(new Features(i, priorPct[i], sc, enc.encode(specs.get(i))));
        }
        return new Population(name, rows, table.accuracy(column), List.copyOf(values.keySet()),
                String.join("+", prior), enc.names().size());
    }

    /** The study's leave-one-out: the predictor (model chosen afresh without each network), the prior, today's combined score. */
    public record StudyResult(Population population, double looRho, double priorRho, double combinedLoo,
            Map<String, Integer> chosen, Fitted onAll) {}

    /** Reads a validate study ({@code validate.json}): its trained networks, their scores' percentiles and specs. */
    public static Population study(Path file, String priorName) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UserException("cannot read study " + file + ": " + e.getMessage());
        }
        JsonNode archs = root == null ? null : root.get("archs");
        if (archs == null || !archs.isArray()) {
            throw new UserException(file + ": not a validate study (no 'archs' array)");
        }
        String prior = priorName != null ? priorName : root.path("by").asText(null);
        List<JsonNode> trained = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode a : archs) {
            if (a.path("trained_accuracy").isNumber()) {
                trained.add(a);
                for (Iterator<String> it = a.path("percentiles").fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
            }
        }
        if (trained.size() < Predictor.MIN_ROWS) {
            throw new UserException(file + ": " + trained.size() + " trained networks; the predictor needs " + Predictor.MIN_ROWS);
        }
        if (prior == null || !names.contains(prior)) {
            throw new UserException(file + ": the prior '" + prior + "' is not among the study's scores " + names);
        }
        List<String> specs = trained.stream().map(a -> a.path("spec").asText()).toList();
        ArchEncoding enc;
        try {
            enc = ArchEncoding.fit(specs);
        } catch (RuntimeException e) {
            throw new UserException(file + ": a spec does not parse: " + e.getMessage());
        }
        List<String> scoreNames = List.copyOf(names);
        List<Features> rows = new ArrayList<>();
        double[] acc = new double[trained.size()];
        for (int i = 0; i < trained.size(); i++) {
            JsonNode p = trained.get(i).path("percentiles");
            double[] sc = scoreNames.stream().mapToDouble(n -> p.path(n).isNumber() ? p.path(n).asDouble() : 0.5).toArray();
            double pr = p.path(prior).isNumber() ? p.path(prior).asDouble() : 0.5;
            rows.add(new Features(trained.get(i).path("id").asLong(i), pr, sc, enc.encode(specs.get(i))));
            acc[i] = trained.get(i).path("trained_accuracy").asDouble();
        }
        return new Population(file.getFileName().toString(), rows, acc, scoreNames, prior, enc.names().size());
    }

    /** Leave-one-out over the population: each network predicted by a predictor fitted (and chosen) without it. */
    public static StudyResult leaveOneOut(Population p, long seed) {
        int n = p.rows().size();
        double[] loo = new double[n];
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            List<Features> train = new ArrayList<>(p.rows());
            train.remove(i);
            double[] acc = new double[n - 1];
            for (int j = 0, k = 0; j < n; j++) {
                if (j != i) {
                    acc[k++] = p.accuracy()[j];
                }
            }
            Fitted f = Predictor.fit(train, acc, seed);
            loo[i] = f.predict(p.rows().get(i));
            chosen.merge(f.label(), 1, Integer::sum);
        }
        double[][] x = p.rows().stream().map(Features::scores).toArray(double[][]::new);
        double[] combined = CombinedScore.leaveOneOut(p.scores(), x, p.accuracy(), CombinedScore.ALPHA);
        double[] prior = p.rows().stream().mapToDouble(Features::prior).toArray();
        return new StudyResult(p, RankCorrelation.spearman(loo, p.accuracy()), RankCorrelation.spearman(prior,
                p.accuracy()), RankCorrelation.spearman(combined, p.accuracy()), chosen, Predictor.fit(p.rows(),
                p.accuracy(), seed));
    }

    private static final String START = "<!-- bench-predictor:start -->";
    private static final String END = "<!-- bench-predictor:end -->";

    /** Replaces the bench-predictor section of {@code file} (appends one the first time). */
    public static void writeDocs(Path file, String text) throws IOException {
        DocsSection.write(file, START, END, START + "\n" + text + END);
    }
}
