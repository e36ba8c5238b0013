package io.convprobe.search;

import io.convprobe.store.ArchTable;
import io.convprobe.store.TrialTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver side of a distributed search: the only writer of {@code results.db}. It turns a plan's
 * shard into a task's {@link ShardWork} (with the trials already stored) and writes each
 * {@link ShardOutcome} in one transaction: the new trials (with their proxies), every architecture's
 * new status (from the {@link TrialPolicy} over all its stored trials, FAILED if its probe threw),
 * and the shard's row. Idempotent on (architecture, trial): a trial already stored is skipped, so a
 * retried, speculative or duplicated task changes nothing.
 */
public final class ShardWriter {
    private final ResultStore store;
    private final TrialPolicy policy;

    public ShardWriter(ResultStore store, TrialPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** Records the plan's shards in the shards table (see {@link ShardTable#sync}). */
    public void sync(ShardPlan plan) {
        store.inTransaction("cannot record shards", db -> {
            ShardTable.sync(db, plan);
            return null;
        });
    }

    /** The task input for {@code shard}: its pending architectures with their stored trials. */
    public ShardWork work(ShardPlan plan, Shard shard, boolean failFirstAttempt) {
        ShardPlan.Pending p = plan.pendingOf(shard.index());
        List<ShardWork.Item> items = new ArrayList<>(p.ids().length);
        for (int i = 0; i < p.ids().length; i++) {
            items.add(new ShardWork.Item(p.ids()[i], p.specs().get(i), store.trials(p.ids()[i])));
        }
        return new ShardWork(shard, items, failFirstAttempt);
    }

    /** What {@link #commit} wrote: trials that were new, and each item's status after it (in item order). */
    public record Committed(int newTrials, List<ArchStatus> statuses) {}

    /** Writes a task's outcome in one transaction. */
    public Committed commit(ShardWork work, ShardOutcome outcome) {
        return store.inTransaction("cannot store shard " + outcome.shard(), db -> {
            TrialTable trials = new TrialTable(db);
            ArchTable archs = new ArchTable(db);
            int added = 0;
            for (ShardOutcome.NewTrial t : outcome.trials()) {
                if (!trials.has(t.archId(), t.result().trial())) {
                    trials.insert(t.archId(), t.result());
                    added++;
                }
            }
            List<ArchStatus> statuses = new ArrayList<>();
            for (ShardWork.Item item : work.items()) {
                String error = outcome.failures().get(item.archId());
                ArchStatus status = error != null ? ArchStatus.FAILED : policy.status(trials.of(item.archId()));
                archs.setStatus(item.archId(), status.name(), error);
                statuses.add(status);
            }
            String error = outcome.failures().isEmpty() ? null
                    : outcome.failures().size() + " architectures failed, e.g. " + outcome.failures().values().iterator().next();
            ShardTable.completed(db, outcome.shard(), outcome.attempt(), outcome.host(), outcome.seconds(), error);
            return new Committed(added, statuses);
        });
    }

    /** The shard's task failed on every attempt: its architectures stay pending for a re-run. */
    public void failed(Shard shard, int attempts, String error) {
        store.inTransaction("cannot record shard " + shard.index(), db -> {
            ShardTable.failed(db, shard.index(), attempts, error);
            return null;
        });
    }

    /** The shards table's rows, in shard order. */
    public List<ShardStatus> shards() {
        return store.inTransaction("cannot read shards", ShardTable::all);
    }

    /** One row of the shards table. */
    public record ShardStatus(int shard, long firstId, long lastId, String prefix, String status, int attempts,
            String host, String error) {}
}
