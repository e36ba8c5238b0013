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
 * Drives a search over a started {@link ResultStore}, trial-major: round 0 runs trial 0 of every
 * architecture that still needs it, in search order; round r then runs trial r of those that passed
 * trial 0 ({@link TrialPolicy}), and so on. Within a round the order is the space order, so a
 * prober that caches shared prefixes ({@link io.convprobe.probe.PrefixSweep}) computes each prefix
 * once per trial. Stored trials are skipped; each new trial is stored as it completes, so an
 * interruption loses at most the one in flight. Trial 0 may be cut on throughput before any
 * features are computed ({@link ArchProber#probe(ArchSpec, int, double)}).
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
    private final List<Round> rounds = new ArrayList<>();

    /**
     * One round this run computed: trial {@code trial} of {@code archs} architectures in
     * {@code seconds} of wall time (what the cost model's estimate is checked against).
     */
    public record Round(int trial, int archs, double seconds) {

        /**
         * One line for the log: the total and each round, in seconds (so a user can hold them
         * against {@code search --dry-run}'s estimate), and how much of it went to measuring the
         * timing table, which the estimate leaves out.
         */
        public static String describe(List<Round> rounds, double tableSeconds) {
            StringBuilder b = new StringBuilder();
            double total = rounds.stream().mapToDouble(Round::seconds).sum();
            b.append(String.format(java.util.Locale.ROOT, "probing took %.1f s", total));
            String sep = ": ";
            for (Round r : rounds) {
                b.append(sep).append(String.format(java.util.Locale.ROOT, "trial %d %,d archs %.1f s", r.trial(), r.archs(),
                        r.seconds()));
                sep = ", ";
            }
            if (tableSeconds > 0) {
                b.append(String.format(java.util.Locale.ROOT, "; %.1f s of it measured new timing-table rows", tableSeconds));
            }
            return b.toString();
        }
    }

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
        long[] pending = store.idsNeedingWork();
        for (int round = 0; round < policy.trials() && pending.length > 0; round++) {
            long[] due = due(pending, round);
            if (due.length > 0) {
                progress.start(due.length, policy.trials() > 1 ? "trial " + round + "/" + (policy.trials() - 1) : null);
                long t0 = System.nanoTime();
                try {
                    for (long id : due) {
                        progress.archFinished(runTrial(id, round));
                    }
                } finally {
                    progress.finish();
                }
                rounds.add(new Round(round, due.length, (System.nanoTime() - t0) / 1e9));
            }
            pending = stillPending(pending);
        }
        return store.counts();
    }

    /** The architectures among {@code ids} whose next trial is {@code round}, in order. */
    private long[] due(long[] ids, int round) {
        return java.util.Arrays.stream(ids).filter(id -> {
            OptionalInt next = policy.next(store.trials(id));
            return next.isPresent() && next.getAsInt() == round;
        }).toArray();
    }

    private long[] stillPending(long[] ids) {
        return java.util.Arrays.stream(ids).filter(id -> {
            ArchStatus s = store.arch(id).status();
            return s == ArchStatus.PENDING;
        }).toArray();
    }

    /** Runs and stores one trial; returns the architecture's status after it. */
    private ArchStatus runTrial(long id, int trial) {
        ResultStore.ArchRow row = store.arch(id);
        ArchSpec spec = row.parsedSpec();
        List<TrialResult> done = new ArrayList<>(store.trials(id));
        TrialResult r;
        try {
            r = trial == 0 ? prober.probe(spec, 0, policy.minThroughput()) : prober.probe(spec, trial);
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
        ArchStatus status = policy.status(done);
        store.addTrial(id, r, status);
        storedTrials.incrementAndGet();
        newTrials.incrementAndGet();
        return status;
    }

    /** Trials in the store (before this run plus those this run added); safe to read from any thread. */
    public long storedTrials() {
        return storedTrials.get();
    }

    /** The rounds this run computed, in order (a resumed run lists only what it did itself). */
    public List<Round> rounds() {
        return List.copyOf(rounds);
    }

    /** Trials this run computed. */
    public long newTrials() {
        return newTrials.get();
    }
}
