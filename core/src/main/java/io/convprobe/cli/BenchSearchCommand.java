package io.convprobe.cli;

import io.convprobe.report.TextTable;
import io.convprobe.UserException;
import io.convprobe.Version;
import io.convprobe.arch.ArchSpec;
import io.convprobe.bench.BenchSlab;
import io.convprobe.bench.PeerRunner;
import io.convprobe.bench.SearchBenchmark;
import io.convprobe.data.RandomImages;
import io.convprobe.probe.EngineThreads;
import io.convprobe.probe.PrefixSweep;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convprobe bench search}: wall time and architectures/hour of convprobe one network at a
 * time, convprobe's shared-prefix sweep, and the reference ({@code peer_probe.py}) on the same
 * architectures and image sizes, one after the other in one command, with the ratios.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Benchmark the screen: a fixed slab of the seed space (+ the published picks) on 3x96x96 random",
            "images, 500/500, 1 trial: convprobe one at a time, convprobe's shared-prefix sweep, and the reference",
            "(peer_probe.py, PyTorch + scikit-learn) when the given Python has torch and scikit-learn."})
public final class BenchSearchCommand implements Callable<Integer> {
    static final int SEED_SPACE_VALID = 32_021;
    static final String DOC_START = "<!-- bench-search:start -->";
    static final String DOC_END = "<!-- bench-search:end -->";

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "PATH", description = "Python with torch and scikit-learn (default ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--peer", defaultValue = "../shared/peer/peer_probe.py", paramLabel = "PATH", description = "The reference script (default ${DEFAULT-VALUE}).")
    Path peer;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Threads for every side (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N architectures of the slab (a quick check).")
    Integer limit;

    @Option(names = "--no-peer", description = "Skip the reference.")
    boolean noPeer;

    @Option(names = "--proxies", paramLabel = "LIST",
            description = "Also measure what these proxies add to the sweep (e.g. ridge,naswot,synflow,params,macs): the "
                    + "sweep without and with them, twice each, alternating.")
    String proxies;

    @Option(names = "--write-docs", paramLabel = "FILE", description = "Write the results into FILE's bench-search section (e.g. docs/benchmarks.md).")
    Path docs;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = cmd.commandLine().getOut();
        List<ArchSpec> specs = BenchSlab.specs();
        if (limit != null) {
            if (limit < 1) {
                throw new UserException("--limit must be at least 1, got " + limit);
            }
            specs = specs.subList(0, Math.min(limit, specs.size()));
        }
        EngineThreads.set(threads);
        out.printf("bench search: %d architectures (seed-space slab + published picks), 3x96x96 random images, "
                + "500/500, 1 trial, %d threads%n", specs.size(), threads);
        out.flush();
        SearchBenchmark.Result r;
        try (RandomImages data = new RandomImages(BenchSlab.INPUT, 500)) {
            r = SearchBenchmark.run(data, specs, line -> {
                System.err.println("bench: " + line);
            });
        }
        PeerRunner.Result peerResult = null;
        String peerNote;
        PeerRunner runner = new PeerRunner(python, peer);
        String why = noPeer ? "skipped (--no-peer)" : runner.unavailableReason();
        if (why == null) {
            System.err.println("bench: reference running ...");
            Path work = Files.createTempDirectory("convprobe-bench");
            peerResult = runner.run(specs, 32, "3,96,96", threads, work);
            peerNote = "ran";
        } else {
            peerNote = why;
        }
        String table = table(r, peerResult, peerNote);
        if (proxies != null) {
            io.convprobe.proxy.Proxies p = io.convprobe.proxy.Proxies.parse(proxies);
            SearchBenchmark.ProxyOverhead o;
            try (RandomImages data = new RandomImages(BenchSlab.INPUT, 500)) {
                o = SearchBenchmark.proxyOverhead(data, specs, p, line -> System.err.println("bench: " + line));
            }
            table += proxyLine(o);
        }
        out.print(table);
        out.flush();
        if (docs != null) {
            writeDocs(docs, table);
            out.println("wrote " + docs);
        }
        return 0;
    }

    static String table(SearchBenchmark.Result r, PeerRunner.Result peer, String peerNote) {
        TextTable t = new TextTable("side", "wall s", "archs/hour", "vs reference");
        double perHourSingle = 3600 * r.archs() / r.singleSeconds();
        double perHourSweep = 3600 * r.archs() / r.sweepSeconds();
        String vsSingle = "";
        String vsSweep = "";
        if (peer != null) {
            double perHourPeer = 3600 * peer.archs() / peer.wallSeconds();
            vsSingle = String.format(Locale.ROOT, "%.2fx", perHourSingle / perHourPeer);
            vsSweep = String.format(Locale.ROOT, "%.2fx", perHourSweep / perHourPeer);
            t.row("reference (peer_probe.py)", fmt(peer.wallSeconds()), String.format("%,.0f", perHourPeer), "1.00x");
        }
        t.row("convprobe, one at a time", fmt(r.singleSeconds()), String.format("%,.0f", perHourSingle), vsSingle);
        t.row("convprobe, shared-prefix sweep", fmt(r.sweepSeconds()), String.format("%,.0f", perHourSweep), vsSweep);
        StringBuilder sb = new StringBuilder("\n").append(t.render()).append('\n');
        sb.append(String.format(Locale.ROOT, "sweep vs one at a time: %.2fx; accuracies differing between them: %d of %d "
                + "(at most %.0f test image%s off)%n", r.sweepSpeedup(), r.accuracyMismatches(), r.archs(),
                r.maxTestImagesOff(), r.maxTestImagesOff() == 1 ? "" : "s"));
        PrefixSweep.Stats st = r.sweepStats();
        PrefixSweep.Split c = st.conv();
        sb.append(String.format(Locale.ROOT, "sweep's time: timing table %.1f s (%d layer shapes measured), features %.1f s, "
                + "ridge scoring %.1f s%n", st.timingSeconds(), c.measuredShapes(), st.featureSeconds(), st.scoreSeconds()));
        sb.append(String.format(Locale.ROOT, "conv algorithm: %d of %d layer shapes to FFT; in the features, direct %.1f s "
                + "(%,d layer-batches), FFT %.1f s (%,d layer-batches)%n", r.fftShapes(), r.layerShapes(),
                c.directSeconds(), c.directBatches(), c.fftSeconds(), c.fftBatches()));
        sb.append(String.format(Locale.ROOT, "throughput, timing table (images / sum of layer times) / full pass (1,000 "
                + "images, one at a time): median %.2f, Spearman rho %.2f (goal: within 10 %%, rho >= 0.95)%n",
                r.medianShortOverFull(), r.shortFullSpearman()));
        double fullSpaceHours = SEED_SPACE_VALID * r.sweepSeconds() / r.archs() / 3600;
        sb.append(String.format(Locale.ROOT, "extrapolated: trial 0 of the whole seed space (%,d valid on 3x96x96) "
                + "with the sweep: %.1f h%n", SEED_SPACE_VALID, fullSpaceHours));
        if (peer == null) {
            sb.append("reference: ").append(peerNote).append('\n');
        }
        return sb.toString();
    }

    static String proxyLine(SearchBenchmark.ProxyOverhead o) {
        return String.format(Locale.ROOT, "proxies %s: sweep %.1f s without, %.1f s with (%+.1f %%; the proxies' own "
                + "time %.1f s), mean of 2 alternating runs each%n", o.proxies(), o.plainSeconds(), o.proxiedSeconds(),
                100 * o.overhead(), o.proxyOwnSeconds());
    }

    private static String fmt(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    /** Replaces the marked section of {@code file} (or appends one) with this run's results. */
    static void writeDocs(Path file, String table) throws IOException {
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", "
                + cpuModel() + ", Java " + System.getProperty("java.version") + ", convprobe " + Version.convprobe()
                + " (DJL " + Version.djl() + ", PyTorch " + Version.pytorch() + ")";
        String section = DOC_START + "\nMeasured " + LocalDate.now() + " on " + machine + " with `./convprobe bench search"
                + " --write-docs docs/benchmarks.md`:\n\n```" + table + "```\n" + DOC_END;
        String text = Files.exists(file) ? Files.readString(file) : "";
        int a = text.indexOf(DOC_START);
        int b = text.indexOf(DOC_END);
        text = a >= 0 && b > a ? text.substring(0, a) + section + text.substring(b + DOC_END.length())
                : text + "\n" + section + "\n";
        Files.writeString(file, text);
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave the model out
        }
        return "unknown CPU";
    }
}
