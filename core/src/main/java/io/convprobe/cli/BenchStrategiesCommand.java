package io.convprobe.cli;

import io.convprobe.report.TextTable;
import io.convprobe.Version;
import io.convprobe.bench.StrategyBenchmark;
import io.convprobe.report.StrategyChart;
import io.convprobe.data.Dataset;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.report.ChartWriter;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convprobe bench strategies}: random, halving and evolution against the exhaustive answer
 * on the seed space (embedded sample, 1x28x28 by default). Counts, not speed: the numbers do not
 * depend on the machine.
 */
@Command(name = "strategies", mixinStandardHelpOptions = true,
        description = {"How many of the exhaustive screen's top 10 (mean accuracy over 3 trials) each budgeted strategy",
            "finds, against the fraction of the exhaustive cost (image-passes) it spends; 5 seeds per budget.",
            "The exhaustive screen runs once into DIR/exhaustive (a re-run reuses it); strategy runs read probe",
            "results from a cache (results are deterministic) and probe misses for real."},
        footer = {"", "Example: convprobe bench strategies --write-docs docs/benchmarks.md   (first run: the exhaustive",
            "screen of 3,804 networks x 3 trials plus the low-fidelity rungs; later runs: a minute)"})
public final class BenchStrategiesCommand implements Callable<Integer> {
    static final String DOC_START = "<!-- bench-strategies:start -->";
    static final String DOC_END = "<!-- bench-strategies:end -->";

    @Mixin DatasetOptions dataOptions;

    @Option(names = "--dir", defaultValue = "runs/bench-strategies", paramLabel = "DIR", description = "Cache and run directory (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--trials", defaultValue = "3", paramLabel = "T", description = "Trials of the full protocol the "
            + "strategies and the answer use: the screen's first T (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--screen-trials", defaultValue = "3", paramLabel = "T", description = "Trials of the exhaustive screen "
            + "when it has to run (default ${DEFAULT-VALUE}); at least --trials.")
    int screenTrials;

    @Option(names = "--budgets", split = ",", defaultValue = "0.05,0.1,0.2,0.35", paramLabel = "F",
            description = "Budgets as fractions of the exhaustive cost (default ${DEFAULT-VALUE}).")
    double[] budgets;

    @Option(names = "--seeds", defaultValue = "5", paramLabel = "N", description = "Strategy seeds 1..N (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--population", defaultValue = "50", paramLabel = "P", description = "Evolution population (default ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--tournament", defaultValue = "10", paramLabel = "S", description = "Evolution tournament size (default ${DEFAULT-VALUE}).")
    int tournament;

    @Option(names = "--eta", defaultValue = "3", paramLabel = "ETA", description = "Halving's eta (default ${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--min-images", defaultValue = "100", paramLabel = "N", description = "Halving's rung-0 images (default ${DEFAULT-VALUE}).")
    int minImages;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "PyTorch threads for real probes (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--write-docs", paramLabel = "FILE", description = "Write the results into FILE's bench-strategies section (e.g. docs/benchmarks.md).")
    Path docs;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cmd.commandLine().getOut();
        Path exhaustive = dir.resolve("exhaustive");
        // --proxies none: the answer is mean accuracy, and the proxies would only slow the screen down
        List<String> args = new ArrayList<>(List.of("search", "--trials", Integer.toString(screenTrials), "--threads",
                Integer.toString(threads), "--proxies", "none", "--run", exhaustive.toString(), "--dataset",
                dataOptions.name()));
        ProbeSettings settings = new ProbeSettings(500, 500, trials, 25, 200, 0, 32, 0.3);
        long valid = SearchSpace.seed().count(io.convprobe.arch.Shape.chw(1, 28, 28), RatioRange.DEFAULT).valid();
        if (!StrategyBenchmark.complete(exhaustive, settings, valid)) {
            System.err.println("bench strategies: the exhaustive screen in " + exhaustive + " (" + screenTrials
                    + " trials; resumes where it stopped)");
            // Main.commandLine(), not new CommandLine(new Main()): the subcommands are registered there
            int rc = Main.commandLine().setOut(new PrintWriter(PrintWriter.nullWriter()))
                    .execute(args.toArray(String[]::new));
            if (rc != 0) {
                return rc;
            }
        }
        try (Dataset data = dataOptions.open()) {
            StrategyBenchmark bench = new StrategyBenchmark(SearchSpace.seed().rich(), data, RatioRange.DEFAULT, settings,
                    dir.resolve("probe-cache.db"),
                    (train, test) -> io.convprobe.search.ProberFactory.build(data, new ProbeSettings(train, test, trials, 25, 200, 0, 32,
                            0.3), threads, io.convprobe.search.ProberFactory.Mode.sweep),
                    line -> System.err.println("bench strategies: " + line));
            bench.preload(exhaustive);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("fidelity-")).sorted().toList()) {
                    bench.preload(p);
                }
            }
            long[] seedList = new long[seeds];
            for (int i = 0; i < seeds; i++) {
                seedList[i] = i + 1;
            }
            StrategyBenchmark.Result r = bench.run(exhaustive, dir.resolve("runs"), budgets, seedList, population,
                    tournament, eta, minImages);
            bench.close();
            String table = table(r, trials);
            out.print(table);
            Map<String, Map<Double, double[]>> summary = StrategyBenchmark.summary(r.rows());
            ChartWriter.ChartFiles chart = ChartWriter.write(StrategyChart.build(summary), dir, "strategies");
            out.println("chart: " + chart.png());
            if (docs != null) {
                Path png = docs.getParent() == null ? Path.of("bench-strategies.png") : docs.getParent().resolve("bench-strategies.png");
                Files.copy(chart.png(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                writeDocs(docs, table, png.getFileName().toString());
                out.println("wrote " + docs + " and " + png);
            }
            out.flush();
        }
        return 0;
    }

    static String table(StrategyBenchmark.Result r, int trials) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "seed space on the embedded sample (1x28x28): %,d valid networks; protocol "
                + "500/500 images, %d trial%s; exhaustive screen %,d image-passes; top 10 by mean accuracy over the "
                + "trials%n%n", r.valid(), trials, trials == 1 ? "" : "s", r.exhaustiveCost()));
        TextTable t = new TextTable("strategy", "budget", "cost (mean)", "found of top 10 (mean)", "min..max", "seeds");
        Map<String, Map<Double, double[]>> summary = StrategyBenchmark.summary(r.rows());
        summary.forEach((name, by) -> by.forEach((f, v) -> t.row(name, String.format(Locale.ROOT, "%.0f %%", f * 100),
                String.format(Locale.ROOT, "%.1f %%", 100 * v[1] / v[2]), String.format(Locale.ROOT, "%.1f", v[0] / v[2]),
                String.format(Locale.ROOT, "%.0f..%.0f", v[3], v[4]), String.format(Locale.ROOT, "%.0f", v[2]))));
        b.append(t.render());
        b.append(String.format(Locale.ROOT, "%nSpearman, rung 0 (trial 0 on the first 100/100 images) vs full protocol "
                + "(mean over trials): %.3f over %,d networks%n", r.spearmanRung0(), r.spearmanN()));
        b.append(goal(summary, "halving", 8, 0.35)).append(goal(summary, "evolution", 7, 0.20));
        return b.toString();
    }

    /** Whether some budget reached {@code found} on average at no more than {@code cost} of the exhaustive cost. */
    private static String goal(Map<String, Map<Double, double[]>> summary, String name, int found, double cost) {
        Map<Double, double[]> by = summary.getOrDefault(name, Map.of());
        String best = "none";
        double bestFound = -1;
        for (double[] v : by.values()) {
            double c = v[1] / v[2];
            double f = v[0] / v[2];
            if (c <= cost * 1.005 && f > bestFound) { // 0.5 %: budgets in networks round to whole networks
                bestFound = f;
                best = String.format(Locale.ROOT, "%.1f at %.1f %%", f, 100 * c);
            }
        }
        boolean met = bestFound >= found;
        return String.format(Locale.ROOT, "goal %s >= %d/10 at <= %.0f %% cost: %s (best within the cost: %s)%n", name,
                found, cost * 100, met ? "met" : "MISSED", best);
    }

    static void writeDocs(Path file, String table, String png) throws IOException {
        String section = DOC_START + "\n## Search strategies against the exhaustive answer\n\nMeasured " + LocalDate.now()
                + " with `./convprobe bench strategies --write-docs docs/benchmarks.md` (convprobe " + Version.convprobe()
                + "). Counts of image-passes and of top-10 networks found do not depend on the machine's speed. \"Found\" = "
                + "exhaustive top-10 networks among the strategy's own top 10 by mean accuracy over its fully tested "
                + "networks; halving and evolution rank by `--objective accuracy`.\n\n```\n" + table + "```\n\n![found vs cost]("
                + png + ")\n" + DOC_END;
        String text = Files.exists(file) ? Files.readString(file) : "";
        int a = text.indexOf(DOC_START);
        int b = text.indexOf(DOC_END);
        text = a >= 0 && b > a ? text.substring(0, a) + section + text.substring(b + DOC_END.length())
                : text + "\n" + section + "\n";
        Files.writeString(file, text);
    }
}
