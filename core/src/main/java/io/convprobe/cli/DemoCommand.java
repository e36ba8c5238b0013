package io.convprobe.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.data.Dataset;
import io.convprobe.demo.ScreenPlan;
import io.convprobe.nn.EngineThreads;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTimer;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.ProxyCost;
import io.convprobe.proxy.Proxies;
import io.convprobe.search.CostModel;
import io.convprobe.search.RankScore;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import io.convprobe.validate.StudyFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convprobe demo}: the main job in one command, offline. Screen the seed space on the
 * embedded Fashion-MNIST sample (all of it or a sample sized to the time budget), train a sample
 * stratified across the screen's ranking with a short schedule ({@code convprobe validate}), and
 * write the report with every proxy's measured ρ and interval. Each step is the corresponding
 * command ({@code search}, {@code validate}, {@code report}) run on a directory under the demo's,
 * so a re-run with {@code --run} resumes.
 *
 * <p>Time budget (2 cores, idle): the demo used to train 4 architectures × 6 epochs = 24 epochs
 * over the 1,000 sample images and took about 70 s in all. It now trains {@code --count 8} ×
 * {@code --epochs 4} = 32 epochs (+8 epochs, +33 % training time); even if all 70 s were training
 * that is about 93 s. The screen is sized to 55 % of {@code --minutes} by the search's cost model
 * plus the proxies' cost per trial, measured on a few networks ({@link io.convprobe.probe.ProxyCost}):
 * on 2026-12-01 (idle, 2 cores) the screen without that term overran its 99 s plan by 47 s (146 s;
 * 128 s of it without proxies).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Screen the seed space on the embedded Fashion-MNIST sample, train a sample stratified across the",
            "screen's ranking briefly (convprobe validate: the top 3 and one from each stratum of the rest), and write",
            "the report: how well each proxy score predicted training, with confidence intervals.",
            "Sized to take about --minutes on this machine; offline; re-run with --run DIR to resume."})
public final class DemoCommand implements Callable<Integer>, TakesGradients {
    static final String PLAN_FILE = "demo.json";

    @Mixin DatasetOptions data;

    @Mixin SpaceOptions spaceOptions;

    @Option(names = "--minutes", defaultValue = "3", paramLabel = "M", description = "Time budget for the whole demo (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--sample", paramLabel = "N", description = "Screen N architectures instead of sizing the sample to the budget.")
    Integer sample;

    @Option(names = "--trials", defaultValue = "3", paramLabel = "T",
            description = "Probe trials per architecture that passes trial 0 (default ${DEFAULT-VALUE}; the published screen used 5).")
    int trials;

    @Option(names = "--epochs", defaultValue = "4", paramLabel = "N", description = "Training epochs per model (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--count", defaultValue = "8", paramLabel = "N",
            description = "Architectures to train, stratified across the ranking (default ${DEFAULT-VALUE}; at least 6).")
    int count;

    @Option(names = "--rank-by", paramLabel = "SCORE", description = "Score the screen is ranked and the sample stratified "
            + "by (default: " + RankScore.DEFAULT_HELP + ").")
    String rankBy; // null: the default when --proxies computes it, else ridge

    @Option(names = "--lr", defaultValue = "2e-3", paramLabel = "RATE", description = "AdamW learning rate, cosine schedule (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed for the sample and the weights (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--proxies", defaultValue = Proxies.DEFAULT, paramLabel = "LIST",
            description = "Zero-cost scores the screen stores per trial (see 'convprobe search --help'; default ${DEFAULT-VALUE}).")
    String proxies;

    @Option(names = "--run", paramLabel = "DIR", description = "Demo directory (default runs/demo-<timestamp>); an existing one resumes.")
    Path run;

    @Spec CommandLine.Model.CommandSpec cmd;

    private Path demoDir;
    /** The planned screen's predicted seconds, when this run planned it (not resumed, no --sample). */
    private double predictedScreen = Double.NaN;

    @Override
    public boolean takesFloat32Gradients() {
        return true; // it trains after its screen, in the same process
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cmd.commandLine().getOut();
        Path dir = run != null ? run
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        demoDir = dir;
        long started = System.nanoTime();
        double budget = minutes * 60;
        String proxyList = Proxies.parse(proxies).describe(); // a bad list fails before any work
        String rankBy = this.rankBy != null ? this.rankBy.trim()
                : Proxies.parse(proxies).names().contains(RankScore.DEFAULT)
                        ? RankScore.DEFAULT : RankScore.RIDGE;

        // 1. Size the screen (or reuse the size a previous run of this demo chose, so it resumes).
        int n = plannedSample(dir, out, budget);
        Path searchDir = dir.resolve("search");
        step(out, "1/3", "screen: random-weight networks + ridge probe");
        List<String> searchArgs = new ArrayList<>(List.of("search", "--dataset", data.name(), "--sample", Integer.toString(n),
                "--seed", Long.toString(seed), "--trials", Integer.toString(trials), "--proxies", proxyList,
                "--run", searchDir.toString()));
        searchArgs.addAll(dataDirArgs());
        searchArgs.addAll(spaceArgs());
        searchArgs.addAll(List.of("--rank-by", rankBy));
        long screenStart = System.nanoTime();
        sub(searchArgs);
        if (!Double.isNaN(predictedScreen)) { // the cost model checked on every demo run
            double took = (System.nanoTime() - screenStart) / 1e9;
            out.printf(Locale.ROOT, "screen took %.0f s, predicted %.0f s (measured / predicted %.2f)%n", took,
                    predictedScreen, took / predictedScreen);
        }

        // 2. Train a sample stratified across the ranking, measure every proxy against it.
        if (count < 6) {
            throw new UserException("--count must be at least 6 (the top 3 and 3 strata of the rest), got " + count);
        }
        step(out, "2/3", String.format(Locale.ROOT, "validate: train %d architectures stratified across the ranking by "
                + "%s (its top 3 and one from each stratum of the rest), %d epochs each (AdamW, lr %s, cosine, batch 64; "
                + "validation = the test split), and measure every proxy against them", count, rankBy, epochs, lr));
        List<String> validateArgs = new ArrayList<>(List.of("validate", searchDir.toString(), "--count",
                Integer.toString(count), "--by", rankBy, "--epochs", Integer.toString(epochs), "--optimizer", "adamw",
                "--lr", Double.toString(lr), "--schedule", "cosine", "--seed", Long.toString(seed)));
        validateArgs.addAll(dataDirArgs());
        sub(validateArgs);
        List<String> runDirs = new ArrayList<>(List.of(searchDir.toString()));
        Path studyDir = searchDir.resolve(StudyFiles.PREFIX);
        try (java.util.stream.Stream<Path> trained = Files.list(studyDir.resolve("train"))) {
            trained.sorted().forEach(p -> runDirs.add(p.toString()));
        }

        // 3. Report.
        step(out, "3/3", "report");
        Path reportDir = dir.resolve("report");
        List<String> reportArgs = new ArrayList<>(List.of("report"));
        reportArgs.addAll(runDirs);
        reportArgs.addAll(List.of("--out", reportDir.toString(), "--rank-by", rankBy));
        sub(reportArgs);
        out.printf(Locale.ROOT, "%ndemo finished in %.0f s; open %s%n", (System.nanoTime() - started) / 1e9,
                reportDir.resolve("report.html").toAbsolutePath());
        // the last line: every proxy's ρ with its interval, and what to trust
        out.println(ValidateCommand.oneLine(StudyFiles.read(
                studyDir.resolve(StudyFiles.JSON))));
        out.flush();
        return 0;
    }

    private int plannedSample(Path dir, PrintWriter out, double budget) throws IOException {
        Path planFile = dir.resolve(PLAN_FILE);
        if (Files.isRegularFile(planFile)) {
            JsonNode stored = Json.MAPPER.readTree(planFile.toFile());
            int n = stored.get("sample").asInt();
            out.printf("resuming the demo in %s: screening the same %,d architectures%n", dir, n);
            return n;
        }
        int n;
        try (Dataset ds = data.open()) {
            Shape input = ds.imageShape();
            SearchSpace space = spaceOptions.space();
            RatioRange ratio = spaceOptions.ratioRange();
            long valid = space.count(input, ratio).valid();
            out.printf("convprobe demo: %s (%s, %,d train / %,d test images), space: %s%n", ds.name(), input,
                    ds.size(io.convprobe.data.Split.TRAIN), ds.size(io.convprobe.data.Split.TEST), space.describe());
            if (sample != null) {
                if (sample < 1) {
                    throw new UserException("--sample must be at least 1, got " + sample);
                }
                n = (int) Math.min(sample, valid);
                out.printf("screening %,d of the %,d valid architectures (--sample)%n", n, valid);
            } else {
                // about 55 % of the budget screens; training and the report take the rest
                ScreenPlan plan = plan(ds, space, input, ratio, valid, 0.55 * budget);
                n = plan.sample();
                predictedScreen = plan.estimatedSeconds();
                out.println(plan.explain());
            }
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("sample", n);
        o.put("seed", seed);
        o.put("trials", trials);
        Files.writeString(planFile, Json.write(o));
        out.flush();
        return n;
    }

    /**
     * The largest seeded sample whose predicted screening time (the search's calibrated cost model
     * applied to that very sample in space order, shared prefixes included, every trial counted as
     * if every architecture passed trial 0) fits {@code budget}.
     */
    private ScreenPlan plan(Dataset ds, SearchSpace space, Shape input, RatioRange ratio, long valid, double budget) {
        ProbeSettings settings = new ProbeSettings(ProbeSettings.PUBLISHED.trainSize(), ProbeSettings.PUBLISHED.testSize(),
                trials, ProbeSettings.PUBLISHED.minAccuracy(), ProbeSettings.PUBLISHED.minThroughput(), seed,
                ProbeSettings.PUBLISHED.batchSize(), ProbeSettings.PUBLISHED.throughputWeight());
        EngineThreads.set(Runtime.getRuntime().availableProcessors());
        // the search's own cost model: layer costs from a timing table measured here (the search measures its own)
        try (NDManager m = NDManager.newBaseManager()) {
            LayerTimings table = new LayerTimings(
                    new LayerTimer(settings.batchSize(), PrefixSweep.TABLE_BATCHES, m),
                    java.util.Map.of(), LayerTimings.Sink.NONE, LayerTimings.Choice.MEASURED);
            CostModel model = CostModel.calibrate(settings.trainSize(), table);
            // the cost model prices networks and ridge fits; the proxies are measured on a few networks here
            Proxies scores = Proxies.parse(proxies);
            double proxySeconds = ProxyCost.perTrial(ds, settings, scores, specs(space, space.sample(5, seed + 1, input, ratio)));
            return ScreenPlan.size(valid, budget, n -> {
                List<ArchSpec> specs = specs(space, space.sample(n, seed, input, ratio));
                CostModel.Estimate e = model.estimate(specs, input, settings, scores);
                double later = e.laterTrialSeconds() + n * proxySeconds;
                return e.seconds() + n * proxySeconds + (trials - 1) * later + tableSeconds(table, specs, input);
            });
        }
    }

    /**
     * What the search will spend measuring its own timing table for {@code specs} (the cost model
     * leaves the table out): their distinct layer shapes at the mean cost of the rows measured here.
     */
    private static double tableSeconds(LayerTimings table, List<ArchSpec> specs,
            Shape input) {
        if (table.measuredCount() == 0) {
            return 0;
        }
        int shapes = LayerShape.distinct(specs.stream()
                .map(s -> ShapeInference.infer(s, input)).toList()).size();
        return shapes * table.measureSeconds() / table.measuredCount();
    }

    private static List<ArchSpec> specs(SearchSpace space, long[] indices) {
        List<ArchSpec> out = new ArrayList<>(indices.length);
        for (long i : indices) {
            out.add(space.spec(i));
        }
        return out;
    }

    private List<String> dataDirArgs() {
        return data.dataDir() == null ? List.of() : List.of("--data-dir", data.dataDir().toString());
    }

    /** The space flags the user gave, passed on to search unchanged. */
    private List<String> spaceArgs() {
        List<String> args = new ArrayList<>();
        CommandLine.ParseResult pr = cmd.commandLine().getParseResult();
        for (String name : List.of("--preset", "--layers", "--channels", "--kernels", "--strides", "--dilations",
                "--paddings", "--activations", "--ratio")) {
            if (pr.hasMatchedOption(name)) {
                args.add(name);
                args.add(String.valueOf((Object) pr.matchedOptionValue(name, null)).replaceAll("[\\[\\] ]", ""));
            }
        }
        return args;
    }

    private static void step(PrintWriter out, String n, String what) {
        out.printf("%n== %s %s ==%n", n, what);
        out.flush();
    }

    /** Runs another convprobe command with this one's output streams; a failure ends the demo. */
    private void sub(List<String> args) {
        CommandLine child = Main.commandLine();
        child.setOut(cmd.commandLine().getOut());
        child.setErr(cmd.commandLine().getErr());
        int rc = child.execute(args.toArray(String[]::new));
        if (rc != 0) {
            throw new UserException("demo stopped: 'convprobe " + String.join(" ", args) + "' exited with " + rc
                    + "; fix that and re-run the demo with --run " + demoDir);
        }
    }
}
