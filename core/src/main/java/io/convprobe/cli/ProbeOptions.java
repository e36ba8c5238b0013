package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.proxy.Proxies;
import picocli.CommandLine.Option;

/** The probe protocol's options, shared by {@code probe} and {@code search}; defaults = the published ones. */
public final class ProbeOptions {
    @Option(names = "--trials", defaultValue = "5", paramLabel = "T",
            description = "Trials, each with fresh weights; in a search, for architectures that pass trial 0 (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--train-size", defaultValue = "500", paramLabel = "N", description = "First N training images fit the ridge probe (default ${DEFAULT-VALUE}).")
    int trainSize;

    @Option(names = "--test-size", defaultValue = "500", paramLabel = "N", description = "First N test images score it (default ${DEFAULT-VALUE}).")
    int testSize;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed of the random weights (and of --sample); same seed, same numbers (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B", description = "Feature extraction batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: the core count).")
    Integer threads;

    @Option(names = "--proxies", defaultValue = Proxies.DEFAULT, paramLabel = "LIST",
            description = "Zero-cost scores per trial, on the same random weights: comma-separated names from ridge, naswot, "
                    + "synflow, grad_norm, snip, jacob_cov, zico, params, macs, features; all; or none (default ${DEFAULT-VALUE}).")
    String proxies;

    /** {@code --proxies}, parsed (a one-line error for unknown names). */
    public Proxies proxies() {
        return Proxies.parse(proxies);
    }

    /** The settings with these options and the given thresholds. */
    public ProbeSettings settings(double minAccuracy, double minThroughput, double throughputWeight) {
        return new ProbeSettings(trainSize, testSize, trials, minAccuracy, minThroughput, seed, batchSize, throughputWeight);
    }

    /** {@code --threads}, or the core count. */
    public int threads() {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new UserException("--threads must be at least 1, got " + n);
        }
        return n;
    }
}
