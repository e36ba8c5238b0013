package io.convprobe.cells;

import io.convprobe.data.Dataset;
import io.convprobe.data.DatasetResolver;
import io.convprobe.data.FolderDataset;
import io.convprobe.nn.EngineThreads;
import io.convprobe.proxy.Proxies;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * A cell screen's prober as a recipe another JVM (a Spark executor) can follow: the same dataset
 * flags, the same {@link CellProber.Settings} (one fidelity), the same proxies and readout, built by
 * the same {@link CellProber} constructor the local screen calls, so an executor scores a network
 * exactly as the local path does. A small serializable value: equal recipes build interchangeable
 * probers, so an executor may keep one per recipe for its lifetime. The data directory must exist
 * where the recipe is built (or the data come from the embedded sample, {@code $CONVPROBE_DATA} or
 * the cache there).
 *
 * @param dataset  the dataset's name ({@code --dataset})
 * @param dataDir  {@code --data-dir} as an absolute path, or null
 * @param resize   {@code --resize HxW}, or null
 * @param settings the protocol at one fidelity ({@link CellProber.Settings#at})
 * @param proxies  the canonical proxy list ({@link Proxies#describe()}; empty for none)
 * @param readout  the ridge readout
 */
public record CellRecipe(String dataset, String dataDir, String resize, CellProber.Settings settings, String proxies,
        CellProber.Readout readout) implements Serializable {

    /** The same recipe at another fidelity. */
    public CellRecipe at(int fidelity) {
        return new CellRecipe(dataset, dataDir, resize, settings.at(fidelity), proxies, readout);
    }

    /** Sets this JVM's intra-op threads, opens the data, loads the probe images and closes the data again. */
    public CellProber build(int threads) {
        EngineThreads.set(threads);
        try (Dataset data = DatasetResolver.standard(dataDir == null ? null : Path.of(dataDir), System.err)
                .open(dataset, resize == null ? null : FolderDataset.Size.parse(resize))) {
            return new CellProber(data, settings, proxies.isEmpty() ? Proxies.none() : Proxies.parse(proxies),
                    List.of(readout));
        }
    }
}
