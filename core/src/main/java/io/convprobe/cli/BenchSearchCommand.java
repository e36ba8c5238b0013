package io.convprobe.cli;

import io.convprobe.TextTable;
import io.convprobe.UserException;
import io.convprobe.Version;
import io.convprobe.arch.ArchSpec;
import io.convprobe.bench.BenchSlab;
import io.convprobe.bench.PeerRunner;
import io.convprobe.bench.SearchBenchmark;
import io.convprobe.data.RandomImages;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.store.TimingCache;
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
public final class BenchSearchCommand implements Callable<Integer>, TakesGradients {
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

    @Option(names = "--retime", description = "The sweep's first run measures every layer shape afresh (a first run "
            + "on this machine) and replaces the per-user timing cache's rows with its readings. Without it, the "
            + "sweep's table starts from the cache's rows, as `convprobe search` does.")
    boolean retime;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "N", description = "Sweep runs, one after the other "
            + "(default ${DEFAULT-VALUE}); from the second on the timing table is warm, but they run in the first "
            + "one's process, whose heap it grew: a user's second search (a new process) is slower, so measure it "
            + "with a second command without --retime.")
    int runs;

    @Option(names = "--max-memory", defaultValue = "auto", paramLabel = "SIZE",
            description = "The sweeps' whole-process memory budget, as in search (default ${DEFAULT-VALUE}: a quarter "
                    + "of the machine, at most 1.25g); a larger one buys a larger cache of shared activations.")
    String maxMemory;

    @Option(names = "--write-docs", paramLabel = "FILE", description = "Write the results into FILE's bench-search section (e.g. docs/benchmarks.md).")
    Path docs;

    @Spec picocli.CommandLine.Model.CommandSpec cmd;

    @Override
    public boolean takesFloat32Gradients() {
        return proxies != null && io.convprobe.proxy.Proxies.parse(proxies).float32Gradients();
    }

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
        if (runs < 1) {
            throw new UserException("--runs must be at least 1, got " + runs);
        }
        EngineThreads.set(threads);
        out.printf("bench search: %d architectures (seed-space slab + published picks), 3x96x96 random images, "
                + "500/500, 1 trial, %d threads%n", specs.size(), threads);
        out.flush();
        SearchBenchmark.Result r;
        try (RandomImages data = new RandomImages(BenchSlab.INPUT, 500);
                TimingCache cache = TimingCache.open(w -> System.err.println("convprobe: warning: " + w))) {
            out.println(cache.enabled() ? "timing cache: " + cache.file() + (retime ? " (--retime: the first sweep "
                    + "measures every layer shape)" : "") : "timing cache: off (every sweep's first table is cold)");
            out.flush();
            io.convprobe.memory.MemoryBudget memory = io.convprobe.memory.MemoryBudget.parse(maxMemory, "--max-memory");
            out.println("memory budget: " + memory.describe() + " (--max-memory)");
            out.flush();
            r = SearchBenchmark.run(data, specs, new SearchBenchmark.SweepRuns(cache, retime, runs, memory), line -> {
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
        String table = SearchBenchmark.table(r, peerResult, peerNote);
        if (proxies != null) {
            io.convprobe.proxy.Proxies p = io.convprobe.proxy.Proxies.parse(proxies);
            SearchBenchmark.ProxyOverhead o;
            try (RandomImages data = new RandomImages(BenchSlab.INPUT, 500)) {
                o = SearchBenchmark.proxyOverhead(data, specs, p, line -> System.err.println("bench: " + line));
            }
            table += SearchBenchmark.proxyLine(o);
        }
        out.print(table);
        out.flush();
        if (docs != null) {
            SearchBenchmark.writeDocs(docs, table);
            out.println("wrote " + docs);
        }
        return 0;
    }
}
