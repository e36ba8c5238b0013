package io.convprobe.search;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.ArchProber;
import io.convprobe.probe.TrialResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Runs one shard's trials on a prober, exactly as {@link SearchRun} runs a local search: trial-major
 * rounds (round r runs trial r of every architecture whose next trial it is, in id order, so the
 * sweep computes each shared prefix once per trial), trial 0 with the throughput cut, the
 * {@link TrialPolicy} deciding who goes on. Nothing is stored here: the trials come back in a
 * {@link ShardOutcome} for the one writer (the driver). A {@link UserException} (bad data or
 * settings) fails the whole task; any other exception fails that architecture only.
 */
public final class ShardRunner {
    private ShardRunner() {}

    public static ShardOutcome run(ShardWork work, ArchProber prober, TrialPolicy policy, String host, int attempt) {
        long t0 = System.nanoTime();
        Map<Long, List<TrialResult>> done = new LinkedHashMap<>();
        Map<Long, ArchSpec> specs = new LinkedHashMap<>();
        for (ShardWork.Item item : work.items()) {
            done.put(item.archId(), new ArrayList<>(item.done()));
            specs.put(item.archId(), SpecFormat.parse(item.spec()));
        }
        List<ShardOutcome.NewTrial> out = new ArrayList<>();
        Map<Long, String> failures = new LinkedHashMap<>();
        for (int round = 0; round < policy.trials(); round++) {
            for (Map.Entry<Long, ArchSpec> e : specs.entrySet()) {
                long id = e.getKey();
                if (failures.containsKey(id)) {
                    continue;
                }
                OptionalInt next = policy.next(done.get(id));
                if (next.isEmpty() || next.getAsInt() != round) {
                    continue;
                }
                try {
                    TrialResult r = round == 0 ? prober.probe(e.getValue(), 0, policy.minThroughput())
                            : prober.probe(e.getValue(), round);
                    if (r.trial() != round) {
                        throw new IllegalStateException("prober returned trial " + r.trial() + " for trial " + round);
                    }
                    done.get(id).add(r);
                    out.add(new ShardOutcome.NewTrial(id, r));
                } catch (UserException ex) {
                    throw ex;
                } catch (RuntimeException ex) {
                    failures.put(id, ex.getClass().getSimpleName() + ": " + ex.getMessage());
                }
            }
        }
        return new ShardOutcome(work.shard().index(), out, failures, host, attempt, (System.nanoTime() - t0) / 1e9);
    }
}
