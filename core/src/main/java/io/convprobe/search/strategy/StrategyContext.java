package io.convprobe.search.strategy;

import io.convprobe.arch.Shape;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.search.Progress;
import io.convprobe.search.ResultStore;
import io.convprobe.search.SearchRun;
import io.convprobe.search.StrategyTables;
import io.convprobe.search.TrialPolicy;
import io.convprobe.space.RatioRange;
import io.convprobe.space.RichSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a strategy runs against: the space and input, the started store and its strategy tables,
 * the full protocol's settings, probers per fidelity, progress and a log line sink ("best so far").
 * The full-protocol passes a strategy starts ({@link #fullRun}) are kept in {@code runs}, so whoever
 * started the strategy can tell what they did (rounds and their time, trials stored so far).
 */
public record StrategyContext(RichSpace space, Shape input, RatioRange ratio, ResultStore store, StrategyTables tables,
        ProbeSettings settings, Probers probers, Progress progress, Consumer<String> log, List<SearchRun> runs) {

    /** Probers by fidelity: the first {@code trainSize} / {@code testSize} images, the settings' seed. */
    public interface Probers {
        ArchProber at(int trainSize, int testSize);
    }

    public StrategyContext(RichSpace space, Shape input, RatioRange ratio, ResultStore store, StrategyTables tables,
            ProbeSettings settings, Probers probers, Progress progress, Consumer<String> log) {
        this(space, input, ratio, store, tables, settings, probers, progress, log,
                java.util.Collections.synchronizedList(new ArrayList<>()));
    }

    public ArchProber fullProber() {
        return probers.at(settings.trainSize(), settings.testSize());
    }

    public TrialPolicy policy() {
        return TrialPolicy.of(settings);
    }

    /** A full-protocol pass over every pending architecture of the store, reporting to {@code progress}. */
    public SearchRun fullRun(Progress progress) {
        SearchRun run = new SearchRun(store, fullProber(), policy(), progress, log);
        runs.add(run);
        return run;
    }

    /** The last full-protocol pass started, or null. */
    public SearchRun lastRun() {
        synchronized (runs) {
            return runs.isEmpty() ? null : runs.get(runs.size() - 1);
        }
    }
}
