package io.convprobe.cli;

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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
        ProbeSettings settings = new ProbeSettings(500, 500, trials, 25, 200, 0, 32, 0.3);
        try (Dataset data = dataOptions.open()) {
            long valid = SearchSpace.seed().count(io.convprobe.arch.Shape.chw(1, 28, 28), RatioRange.DEFAULT).valid();
            if (!StrategyBenchmark.complete(exhaustive, settings, valid)) {
                System.err.println("bench strategies: the exhaustive screen in " + exhaustive + " (" + screenTrials
                        + " trials; resumes where it stopped)");
                if (StrategyBenchmark.screen(data, exhaustive, screenTrials, threads).failed() > 0) {
                    return 1;
                }
            }
            StrategyBenchmark bench = StrategyBenchmark.of(SearchSpace.seed().rich(), data, RatioRange.DEFAULT, settings,
                    dir.resolve("probe-cache.db"), threads, line -> System.err.println("bench strategies: " + line));
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
            String table = StrategyBenchmark.table(r, trials);
            out.print(table);
            Map<String, Map<Double, double[]>> summary = StrategyBenchmark.summary(r.rows());
            ChartWriter.ChartFiles chart = ChartWriter.write(StrategyChart.build(summary), dir, "strategies");
            out.println("chart: " + chart.png());
            if (docs != null) {
                Path png = docs.getParent() == null ? Path.of("bench-strategies.png") : docs.getParent().resolve("bench-strategies.png");
                Files.copy(chart.png(), png, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                StrategyBenchmark.writeDocs(docs, table, png.getFileName().toString());
                out.println("wrote " + docs + " and " + png);
            }
            out.flush();
        }
        return 0;
    }
}
