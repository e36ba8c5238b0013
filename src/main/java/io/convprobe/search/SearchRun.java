package io.convprobe.search;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Drives a search over a started {@link ResultStore}: for every architecture that still needs
 * work, in search order, runs the trials {@link TrialPolicy} asks for (skipping stored ones) and
 * stores each as it completes. Memory stays flat: only the ids still to do are held, and one
 * architecture's trials at a time.
 *
 * <p>A prober that throws a {@link UserException} (bad data, bad settings) stops the search; any
 * other exception marks that architecture FAILED (retried on resume) and the search goes on.
 */
public final class SearchRun {
    private final ResultStore store;
    private final ArchProber prober;
    private final TrialPolicy policy;
    private final Progress progress;
    private final Consumer<String> log;
    private final AtomicLong storedTrials = new AtomicLong();
    private final AtomicLong newTrials = new AtomicLong();

    public SearchRun(ResultStore store, ArchProber prober, TrialPolicy policy, Progress progress, Consumer<String> log) {
        this.store = store;
        this.prober = prober;
        this.policy = policy;
        this.progress = progress;
        this.log = log;
    }

    /** Runs every remaining trial; returns the final counts. */
    public SearchCounts run() {
        storedTrials.set(store.trialCount());
        long[] ids = store.idsNeedingWork();
        progress.start(ids.length);
        try {
            for (long id : ids) {
                progress.archFinished(runArch(id));
            }
        } finally {
            progress.finish();
        }
        return store.counts();
    }

    private ArchStatus runArch(long id) {
        ResultStore.ArchRow row = store.arch(id);
        ArchSpec spec = row.parsedSpec();
        List<TrialResult> done = new ArrayList<>(store.trials(id));
        for (OptionalInt next = policy.next(done); next.isPresent(); next = policy.next(done)) {
            int trial = next.getAsInt();
            TrialResult r;
            try {
                r = prober.probe(spec, trial);
                if (r.trial() != trial) {
                    throw new IllegalStateException("prober returned trial " + r.trial() + " for trial " + trial);
                }
            } catch (UserException e) {
                throw e;
            } catch (RuntimeException e) {
                String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
                store.markFailed(id, msg);
                log.accept("failed: " + row.spec() + " trial " + trial + ": " + msg);
                return ArchStatus.FAILED;
            }
            done.add(r);
            store.addTrial(id, r, policy.status(done));
            storedTrials.incrementAndGet();
            newTrials.incrementAndGet();
        }
        return policy.status(done);
    }

    /** Trials in the store (before this run plus those this run added); safe to read from any thread. */
    public long storedTrials() {
        return storedTrials.get();
    }

    /** Trials this run computed. */
    public long newTrials() {
        return newTrials.get();
    }
}
