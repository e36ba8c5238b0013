package io.convprobe.cli;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.cells.CellProber;
import io.convprobe.data.Dataset;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.LinearProbe;
import io.convprobe.nn.ProbeLayer;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import io.convprobe.report.ProbeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convprobe probe SPEC}: the random-weight ridge probe of one architecture, trial by trial. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Probe one architecture: random PyTorch-default weights, no head; features of the first",
            "N train and test images (x/255, batches of 32); scikit-learn's RidgeClassifier(); test and train",
            "accuracy and the forward pass's throughput per trial, then the means.",
            "SPEC is any form 'convprobe arch' takes."},
        footer = {"", "Throughput: images/s of the feature pass over train + test (after one warm-up batch),",
            "forward + flatten + concatenation, on the engine's threads (--threads).",
            "Example: convprobe probe ch=32 ks=5,3,3 st=1,1,1 di=1,1,2 --trials 5 --json"})
public final class ProbeCommand implements Callable<Integer>, TakesGradients {
    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "The architecture (several words are joined).")
    List<String> spec;

    @Mixin DatasetOptions data;

    @Mixin ProbeOptions probe;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public boolean takesFloat32Gradients() {
        return SpecFormat.isNb201(String.join(" ", spec)) || probe.proxies().float32Gradients();
    }

    @Override
    public Integer call() {
        PrintWriter out = cmd.commandLine().getOut();
        if (SpecFormat.isNb201(String.join(" ", spec))) {
            return cell(out, SpecFormat.parseNb201(String.join(" ", spec)));
        }
        ArchSpec arch = SpecFormat.parse(String.join(" ", spec));
        ProbeLayer.requireProbeable(arch);
        ProbeSettings settings = probe.settings(ProbeSettings.PUBLISHED.minAccuracy(),
                ProbeSettings.PUBLISHED.minThroughput(), ProbeSettings.PUBLISHED.throughputWeight());
        io.convprobe.proxy.Proxies proxies = probe.proxies();
        EngineThreads.set(probe.threads());
        try (Dataset ds = data.open()) {
            ArchSummary summary = ShapeInference.infer(arch, ds.imageShape());
            List<TrialResult> results = new ArrayList<>();
            try (LinearProbe probe = new LinearProbe(ds, settings, ai.djl.ndarray.NDManager.newBaseManager(), proxies)) {
                for (int t = 0; t < settings.trials(); t++) {
                    results.add(probe.probe(arch, t));
                }
            }
            if (json) {
                out.println(Json.write(ProbeText.json(ds.name(), summary, settings, results)));
            } else {
                out.print(ProbeText.table(ds.name(), summary, settings, results));
            }
        }
        out.flush();
        return 0;
    }

    /** A cell network: every chosen score per trial, as the cell screen computes them ({@link CellProber}). */
    private int cell(PrintWriter out, io.convprobe.arch.Nb201Spec cell) {
        boolean custom = cmd.commandLine().getParseResult().hasMatchedOption("--batch-size");
        CellProber.Settings settings = new CellProber.Settings(probe.trainSize, probe.testSize, probe.seed,
                custom ? probe.batchSize : CellProber.Settings.DEFAULT.batchSize());
        EngineThreads.set(probe.threads());
        try (Dataset ds = data.open();
                CellProber p = new CellProber(ds, settings, cmd.commandLine().getParseResult().hasMatchedOption("--proxies")
                        ? probe.proxies() : io.convprobe.proxy.Proxies.parse(io.convprobe.cells.CellSearch.DEFAULT_PROXIES),
                        List.of(CellProber.Readout.DEFAULT))) {
            List<CellProber.Trial> trials = new ArrayList<>();
            for (int t = 0; t < probe.trials; t++) {
                trials.add(p.probe(cell, t));
            }
            out.print(io.convprobe.report.CellSearchText.trials(SpecFormat.toNb201(cell), ds.name(), trials));
        }
        out.flush();
        return 0;
    }
}
