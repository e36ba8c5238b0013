package io.convprobe.search.pipeline;

import io.convprobe.search.ProberRecipe;
import io.convprobe.arch.ArchSpec;
import io.convprobe.memory.MemoryBudget;
import io.convprobe.data.Dataset;
import io.convprobe.memory.MemoryBudget;
import io.convprobe.data.DatasetResolver;
import io.convprobe.memory.MemoryBudget;
import io.convprobe.data.FolderDataset;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import io.convprobe.proxy.Proxies;
import java.nio.file.Path;

/**
 * The search's prober as a recipe another JVM can follow: the same dataset flags and the same
 * {@link ProberFactory#build} the local search calls, so an executor probes exactly as the
 * local path does (and follows any change to it), with the same proxies (a typed, serializable
 * {@link Proxies}). The data directory must exist where the recipe is built (or the data come from
 * the embedded sample, {@code $CONVPROBE_DATA} or the cache there).
 */
public record SearchProberRecipe(String dataset, String dataDir, String resize, ProbeSettings settings,
        ProberFactory.Mode mode, MemoryBudget memory, Proxies proxies) implements ProberRecipe {

    @Override
    public ArchProber build(int threads) {
        Dataset data = DatasetResolver.standard(dataDir == null ? null : Path.of(dataDir), System.err)
                .open(dataset, resize == null ? null : FolderDataset.Size.parse(resize));
        try {
            ArchProber prober = ProberFactory.build(data, settings, threads, mode, memory,
                    proxies == null ? Proxies.none() : proxies);
            return new ArchProber() {
                @Override
                public TrialResult probe(ArchSpec spec, int trial) {
                    return prober.probe(spec, trial);
                }

                @Override
                public TrialResult probe(ArchSpec spec, int trial, double minThroughput) {
                    return prober.probe(spec, trial, minThroughput);
                }

                @Override
                public void close() {
                    try {
                        prober.close();
                    } finally {
                        data.close();
                    }
                }
            };
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }
}
