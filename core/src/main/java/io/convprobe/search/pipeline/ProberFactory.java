package io.convprobe.search.pipeline;

import ai.djl.ndarray.NDManager;
import io.convprobe.data.Dataset;
import io.convprobe.memory.MemoryBudget;
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

    ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, MemoryBudget memory);

    /** A prober that also computes {@code proxies}; fakes that store none may keep the default. */
    default ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, MemoryBudget memory,
            Proxies proxies) {
        return prober(data, settings, threads, mode, memory);
    }

    /** The real probers: {@link PrefixSweep} or {@link LinearProbe} on libtorch. */
    ProberFactory REAL = new ProberFactory() {
        @Override
        public ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, MemoryBudget memory) {
            return build(data, settings, threads, mode, memory, Proxies.none());
        }

        @Override
        public ArchProber prober(Dataset data, ProbeSettings settings, int threads, Mode mode, MemoryBudget memory,
                Proxies proxies) {
            return build(data, settings, threads, mode, memory, proxies);
        }
    };

    /** The real prober within the automatic memory budget, no proxies. */
    static ArchProber build(Dataset data, ProbeSettings settings, int threads, Mode mode) {
        return build(data, settings, threads, mode, MemoryBudget.AUTO, Proxies.none());
    }

    /** The one place the search constructs its prober (with {@code threads} intra-op threads). */
    static ArchProber build(Dataset data, ProbeSettings settings, int threads, Mode mode, MemoryBudget memory,
            Proxies proxies) {
        EngineThreads.set(threads);
        return mode == Mode.single ? new LinearProbe(data, settings, NDManager.newBaseManager(), proxies, memory)
                : new PrefixSweep(data, settings, PrefixSweep.Options.DEFAULT.with(memory), NDManager.newBaseManager(),
                        proxies);
    }
}
