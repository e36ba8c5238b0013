package io.convprobe.search.strategy;

import io.convprobe.arch.Shape;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.search.Progress;
import io.convprobe.search.ResultStore;
import io.convprobe.search.StrategyTables;
import io.convprobe.search.TrialPolicy;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import java.util.function.Consumer;

/**
 * What a strategy runs against: the space and input, the started store and its strategy tables,
 * the full protocol's settings, probers per fidelity, progress and a log line sink ("best so far").
 */
public record StrategyContext(RichSpace space, Shape input, RatioRange ratio, ResultStore store, StrategyTables tables,
        ProbeSettings settings, Probers probers, Progress progress, Consumer<String> log) {

    /** Probers by fidelity: the first {@code trainSize} / {@code testSize} images, the settings' seed. */
    public interface Probers {
        ArchProber at(int trainSize, int testSize);
    }

    public ArchProber fullProber() {
        return probers.at(settings.trainSize(), settings.testSize());
    }

    public TrialPolicy policy() {
        return TrialPolicy.of(settings);
    }
}
