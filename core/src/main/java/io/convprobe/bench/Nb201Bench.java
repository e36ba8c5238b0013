package io.convprobe.bench;

import io.convprobe.UserException;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.cells.CellProber;
import io.convprobe.data.Dataset;
import io.convprobe.nn.GraphNetwork;
import io.convprobe.proxy.Proxies;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code bench nb201}: every convprobe score of a benchmark table's architectures on real images,
 * one trial each (seed 0), kept in {@code DIR/scores.csv} — one line per architecture, appended
 * and flushed as each finishes, so an interrupted run resumes where it stopped and the file is
 * the truth. {@link Nb201Analysis} turns it into the comparison with the table.
 *
 * <p>What is computed: the ridge probe under four readouts (pooled or last-cell features × batch
 * norm on the batch or on fresh running statistics; 500/500 images, the published protocol's
 * counts), and naswot, synflow, snip, grad_norm, jacob_cov, zico, params and macs as
 * {@link CellProber} runs them (fixed batches: the first 128 train images for NASWOT, the first 64
 * for the labelled proxies and jacob_cov, the second 64 too for zico; one all-ones image for synflow).
 */
public final class Nb201Bench {
    public static final String PROXIES = "ridge,naswot,synflow,grad_norm,snip,jacob_cov,zico,params,macs";
    public static final List<CellProber.Readout> READOUTS = List.of(CellProber.Readout.DEFAULT,
            new CellProber.Readout(GraphNetwork.Tap.POOLED, GraphNetwork.Norm.RUNNING),
            new CellProber.Readout(GraphNetwork.Tap.LAST_CELL, GraphNetwork.Norm.BATCH),
            new CellProber.Readout(GraphNetwork.Tap.LAST_CELL, GraphNetwork.Norm.RUNNING));

    /** The stored scores: per architecture (cell string), each score and its seconds. */
    public record Scores(List<String> names, Map<String, Map<String, Double>> values,
            Map<String, Map<String, Double>> seconds) {}

    private Nb201Bench() {}

    /** The score names in the file's column order. */
    public static List<String> scoreNames(Proxies proxies) {
        List<String> names = new ArrayList<>();
        for (String p : proxies.names()) {
            if (p.equals("ridge")) {
                READOUTS.forEach(r -> names.add(r.scoreName()));
            } else {
                names.add(p);
            }
        }
        return names;
    }

    /**
     * Computes the missing architectures of {@code table} into {@code dir/scores.csv} at width
     * {@code c} and {@code n} cells per stage; returns everything stored.
     */
    public static Scores run(BenchTable table, Dataset data, CellProber.Settings settings, Proxies proxies, int c, int n,
            Path dir, Consumer<String> log) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("scores.csv");
        List<String> names = scoreNames(proxies);
        String header = header(names, settings, c, n);
        Scores have = read(file, header);
        List<BenchTable.Entry> todo = table.entries().stream()
                .filter(e -> !have.values().containsKey(e.spec().cellString())).toList();
        if (todo.isEmpty()) {
            return have;
        }
        log.accept(have.values().size() + " of " + table.entries().size() + " architectures already in " + file + "; "
                + todo.size() + " to score");
        boolean fresh = !Files.exists(file);
        try (CellProber prober = new CellProber(data, settings, proxies, READOUTS);
                BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            if (fresh) {
                w.write(header);
                w.newLine();
                w.flush();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < todo.size(); i++) {
                Nb201Spec spec = new Nb201Spec(todo.get(i).spec().ops(), c, n);
                CellProber.Trial t = prober.probe(spec, 0);
                StringBuilder line = new StringBuilder(spec.cellString());
                for (String name : names) {
                    line.append(',').append(t.scores().get(name));
                }
                for (String name : names) {
                    line.append(',').append(String.format(Locale.ROOT, "%.4f", t.seconds().get(name)));
                }
                w.write(line.toString());
                w.newLine();
                w.flush();
                have.values().put(spec.cellString(), t.scores());
                have.seconds().put(spec.cellString(), t.seconds());
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double rate = (i + 1) / elapsed;
                log.accept(String.format(Locale.ROOT, "%d/%d  %.2f s/arch  ETA %.0f s  %s", i + 1, todo.size(),
                        1 / rate, (todo.size() - i - 1) / rate, spec.cellString()));
            }
        }
        return have;
    }

    /** The first line of scores.csv: the columns and, in a comment column, the protocol they were computed under. */
    static String header(List<String> names, CellProber.Settings s, int c, int n) {
        StringBuilder b = new StringBuilder("arch");
        names.forEach(x -> b.append(',').append(x));
        names.forEach(x -> b.append(",sec_").append(x));
        return b.append(String.format(Locale.ROOT, ",#C%d N%d train %d test %d seed %d batch %d", c, n, s.trainSize(),
                s.testSize(), s.seed(), s.batchSize())).toString();
    }

    /** What scores.csv holds; a file written under another protocol is refused (its header says which). */
    public static Scores read(Path file, String header) throws IOException {
        List<String> names = new ArrayList<>(List.of(header.split(",")).subList(1, 1 + (header.split(",").length - 2) / 2));
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        Map<String, Map<String, Double>> seconds = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return new Scores(names, values, seconds);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            Files.delete(file);
            return new Scores(names, values, seconds);
        }
        if (!lines.get(0).equals(header)) {
            throw new UserException(file + " was computed under another protocol or score list (its header: '"
                    + lines.get(0) + "'); use another --dir or delete it");
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 1 + 2 * names.size()) {
                continue; // a line cut by a crash mid-write: scored again
            }
            Map<String, Double> v = new LinkedHashMap<>();
            Map<String, Double> s = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                v.put(names.get(k), Double.parseDouble(f[1 + k]));
                s.put(names.get(k), Double.parseDouble(f[1 + names.size() + k]));
            }
            values.put(f[0], v);
            seconds.put(f[0], s);
        }
        return new Scores(names, values, seconds);
    }

    /** One line saying how the scores were computed. */
    public static String protocol(String dataset, CellProber.Settings s, int c, int n) {
        return String.format(Locale.ROOT, "%s, C=%d N=%d, one trial (seed %d); ridge %d/%d images in batches of %d,"
                + " NASWOT the first %d train images as one batch, grad_norm/snip/jacob_cov the first %d, zico two"
                + " batches of %d, synflow one all-ones image in float64 without batch norm", dataset, c, n, s.seed(),
                s.trainSize(), s.testSize(), s.batchSize(), io.convprobe.proxy.ProxyInput.NASWOT_IMAGES,
                io.convprobe.proxy.ProxyInput.LABELLED_BATCH, io.convprobe.proxy.ProxyInput.LABELLED_BATCH);
    }

    private static final String START = "<!-- bench-nb201:start -->";
    private static final String END = "<!-- bench-nb201:end -->";

    /** Replaces the bench-nb201 section of {@code file} (appends one the first time). */
    public static void writeDocs(Path file, String text) throws IOException {
        DocsSection.write(file, START, END, START + "\n" + text + END);
    }
}
