package io.convprobe.search.pipeline;

import ai.djl.ndarray.NDManager;
import io.convprobe.data.Dataset;
import io.convprobe.probe.ArchProber;
import io.convprobe.nn.EngineThreads;
import io.convprobe.probe.LinearProbe;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.proxy.Proxies;

/**
 * Where a search gets its probers: the one place that builds them ({@link #REAL}), used by the
 * local search, the strategies' lower fidelities, the benchmarks and Spark's executors (through
 * {@link SearchProberRecipe}); tests substitute a fake.
 */
public interface ProberFactory {
    /** How the search runs the probe. */
    enum Mode {
        /** Depth-first over shared prefixes, throughput timed first on a few batches (the default). */
        sweep,
        /** Each network alone, throughput over the whole feature pass (the reference's way). */
        single
    }

    ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes);

    /** A prober that also computes {@code proxies}; fakes that store none may keep the default. */
    default ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes,
            Proxies proxies) {
        return prober(data, settings, threads, mode, cacheBytes);
    }

    /** The real probers: {@link PrefixSweep} or {@link LinearProbe} on libtorch. */
    ProberFactory REAL = new ProberFactory() {
        @Override
        public ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes) {
            return build(data, settings, threads, mode, cacheBytes, Proxies.none());
        }

        @Override
        public ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes,
                Proxies proxies) {
            return build(data, settings, threads, mode, cacheBytes, proxies);
        }
    };

    /** The real prober with the sweep's default cache and no proxies. */
    static ArchProber build(Dataset data, ProbeSettings settings, int threads, Mode mode) {
        return build(data, settings, threads, mode, PrefixSweep.Options.DEFAULT.cacheBytes(), Proxies.none());
    }

    /** The one place the search constructs its prober (with {@code threads} intra-op threads). */
    static ArchProber build(Dataset data, ProbeSettings settings, int threads, Mode mode, long cacheBytes,
            Proxies proxies) {
        EngineThreads.set(threads);
        return mode == Mode.single ? new LinearProbe(data, settings, NDManager.newBaseManager(), proxies)
                : new PrefixSweep(data, settings,
                        new PrefixSweep.Options(PrefixSweep.Options.DEFAULT.timingBatches(), cacheBytes),
                        NDManager.newBaseManager(), proxies);
    }
}
