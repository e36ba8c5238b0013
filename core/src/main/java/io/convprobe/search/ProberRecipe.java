package io.convprobe.search;

import io.convprobe.probe.ArchProber;
import java.io.Serializable;

/**
 * How another JVM (a Spark executor) builds the same prober a local search uses: the data to open
 * and the prober settings, as a small serializable value. Equal recipes build interchangeable
 * probers, so an executor may keep one per recipe for its lifetime.
 */
public interface ProberRecipe extends Serializable {
    /** Opens the data and builds a prober with {@code threads} intra-op threads; closing it closes the data. */
    ArchProber build(int threads);
}
