package io.convprobe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.proxy.Proxies;
import io.convprobe.search.RankScore;
import io.convprobe.report.Reports;
import io.convprobe.report.SearchOutcomeText;
import io.convprobe.search.pipeline.ProberFactory;
import io.convprobe.search.Progress;
import io.convprobe.search.ScreenPlan;
import io.convprobe.search.pipeline.SearchSession;
import io.convprobe.search.strategy.RandomSample;
import io.convprobe.validate.ProxyStats;
import io.convprobe.validate.Study;
import io.convprobe.find.Find;
import io.convprobe.find.FindText;
import io.convprobe.find.RungScore;
import picocli.CommandLine;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convprobe demo}: the main job in one command, offline. Screen the seed space on the
 * embedded Fashion-MNIST sample (all of it or a sample sized to the time budget), train a sample
 * stratified across the screen's ranking with a short schedule ({@code convprobe validate}), and
 * write the report with every proxy's measured ρ and interval. Each step is the library's own
 * ({@link SearchSession}, {@link Study}, {@link Reports}, as {@code search}, {@code validate} and
 * {@code report} run them) on a directory under the demo's, so a re-run with {@code --run} resumes.
 *
 * <p>Time budget (2 cores, idle): the demo used to train 4 architectures × 6 epochs = 24 epochs
 * over the 1,000 sample images and took about 70 s in all. It now trains {@code --count 8} ×
 * {@code --epochs 4} = 32 epochs (+8 epochs, +33 % training time); even if all 70 s were training
 * that is about 93 s. The screen is sized to 55 % of {@code --minutes} by the screen's estimate
 * ({@link ScreenPlan#forBudget}: the search's cost model plus the proxies' cost per trial, measured
 * on a few networks, as {@code search --dry-run} prices a search):
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
            description = "Training budget in full trainings: the guided search spends --count × --epochs epochs "
                    + "(default ${DEFAULT-VALUE}; at least 6).")
    int count;

    @Option(names = "--seed-set", defaultValue = "6", paramLabel = "K", description = "Networks trained first, "
            + "stratified across the ranking, before the predictor chooses (default ${DEFAULT-VALUE}).")
    int seedSet;

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

    /** The planned screen's predicted seconds, when this run planned it (not resumed, no --sample). */
    private double predictedScreen = Double.NaN;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cmd.commandLine().getOut();
        Path dir = run != null ? run
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        long started = System.nanoTime();
        double budget = minutes * 60;
        Proxies scores = Proxies.parse(proxies); // a bad list fails before any work
        RankScore rankBy = this.rankBy != null ? new RankScore(this.rankBy)
                : new RankScore(scores.contains(RankScore.DEFAULT) ? RankScore.DEFAULT : RankScore.RIDGE);
        if (count < 6) {
            throw new UserException("--count must be at least 6 (the top 3 and 3 strata of the rest), got " + count);
        }

        // 1. Size the screen (or reuse the size a previous run of this demo chose, so it resumes).
        int n = plannedSample(dir, out, budget, scores);
        Path searchDir = dir.resolve("search");
        step(out, "1/3", "screen: random-weight networks + ridge probe");
        long screenStart = System.nanoTime();
        step(dir, "the screen", () -> screen(out, n, scores, rankBy, searchDir));
        if (!Double.isNaN(predictedScreen)) { // the cost model checked on every demo run
            double took = (System.nanoTime() - screenStart) / 1e9;
            out.printf(Locale.ROOT, "screen took %.0f s, predicted %.0f s (measured / predicted %.2f)%n", took,
                    predictedScreen, took / predictedScreen);
        }

        // 2. The guided search in small: a seed set, the predictor, successive halving, the trained winner.
        int budgetEpochs = count * epochs;
        step(out, "2/3", String.format(Locale.ROOT, "find: the guided search on the screen, %d training epochs in all: "
                + "a seed set of %d stratified across the ranking by %s trained briefly, the predictor (scores + "
                + "architecture, prior = the ranking) picks the next, successive halving over epochs (eta 3, trainings "
                + "continued), the winner trained %d epochs (AdamW, lr %s, cosine, batch 64; validation = the test split)",
                budgetEpochs, Math.min(seedSet, count * epochs), rankBy, epochs, lr));
        Find.Outcome[] found = new Find.Outcome[1];
        step(dir, "find", () -> {
            Study.Request training = new Study.Request(searchDir, count, rankBy, seed, epochs, null, "adamw", lr,
                    "cosine", 64, "none", null, null, data.dataDir(), null, null, ProxyStats.DEFAULT_RESAMPLES, null,
                    null, null);
            found[0] = Find.run(new Find.Request(searchDir, Integer.toString(budgetEpochs), seed, seedSet, RungScore.TSE, null, null,
                    training), out, cmd.commandLine().getErr());
            out.print(FindText.closing(found[0]));
        });
        List<Path> runDirs = new ArrayList<>(List.of(searchDir));
        try (java.util.stream.Stream<Path> trained = Files.list(found[0].dir().resolve("train"))) {
            trained.sorted().forEach(runDirs::add);
        }

        // 3. Report.
        step(out, "3/3", "report");
        Path reportDir = dir.resolve("report");
        step(dir, "the report", () -> Reports.write(runDirs, reportDir, 10, 0.3, rankBy, out));
        out.printf(Locale.ROOT, "%ndemo finished in %.0f s; open %s%n", (System.nanoTime() - started) / 1e9,
                reportDir.resolve("report.html").toAbsolutePath());
        // the last line: the trained winner, and how far the predictor that found it can be trusted
        out.println(FindText.oneLine(found[0]));
        out.flush();
        return 0;
    }

    /** The screen: a seeded sample of {@code n} with the published protocol, as {@code search --sample n} runs it. */
    private void screen(PrintWriter out, int n, Proxies scores, RankScore rankBy, Path searchDir) {
        SearchSession.Request request = new SearchSession.Request(new RandomSample(n, seed), spaceOptions.richSpace(),
                null, spaceOptions.ratioRange(), settings(), scores, Runtime.getRuntime().availableProcessors(),
                ProberFactory.Mode.sweep, LayerTimings.Choice.MEASURED, io.convprobe.memory.MemoryBudget.AUTO, searchDir, rankBy,
                ProbeSettings.PUBLISHED.throughputWeight(), null);
        // the search's own data: the dataset by name, as `search --dataset` opens it
        try (Dataset ds = data.resolver(System.err).open(data.name(), null)) {
            SearchSession.Outcome o = new SearchSession(request, ds, ProberFactory.REAL, Progress.stderr(), System.err)
                    .run();
            SearchOutcomeText.print(out, searchDir, o, ProbeSettings.PUBLISHED.throughputWeight());
            out.flush();
            if (o.counts().failed() > 0) {
                throw new UserException(o.counts().failed() + " architectures failed (see the archs.error column)");
            }
        }
    }

    private int plannedSample(Path dir, PrintWriter out, double budget, Proxies scores) throws IOException {
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
                ScreenPlan plan = ScreenPlan.forBudget(ds, space, ratio, settings(), scores, valid, 0.55 * budget);
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

    /** The published protocol with the demo's trials and seed. */
    private ProbeSettings settings() {
        ProbeSettings p = ProbeSettings.PUBLISHED;
        return new ProbeSettings(p.trainSize(), p.testSize(), trials, p.minAccuracy(), p.minThroughput(), seed,
                p.batchSize(), p.throughputWeight());
    }

    private static void step(PrintWriter out, String n, String what) {
        out.printf("%n== %s %s ==%n", n, what);
        out.flush();
    }

    private interface Step {
        void run() throws IOException;
    }

    /** One step of the demo; bad input ends it with a line saying how to go on. */
    private static void step(Path demoDir, String what, Step body) throws IOException {
        try {
            body.run();
        } catch (UserException e) {
            throw new UserException("demo stopped at " + what + ": " + e.getMessage() + "; fix that and re-run the demo "
                    + "with --run " + demoDir);
        }
    }
}
