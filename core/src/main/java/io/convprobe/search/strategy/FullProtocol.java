package io.convprobe.search.strategy;

import io.convprobe.search.Candidate;
import io.convprobe.search.Candidates;
import io.convprobe.search.Progress;
import java.util.Map;

/** Registers space indices as candidates (those not yet in the store) and runs their full-protocol trials. */
final class FullProtocol {
    private FullProtocol() {}

    /** Adds the missing ones in the given order, then runs every pending architecture's trials (resuming). */
    static Map<Long, Long> probe(StrategyContext ctx, long[] spaceIndices, Progress progress) {
        Map<Long, Long> ids = ctx.tables().archIds();
        for (long i : spaceIndices) {
            if (!ids.containsKey(i)) {
                Candidate c = Candidates.fromSpace(ctx.space(), i, ctx.input(), ctx.ratio());
                ids.put(i, ctx.store().addCandidate(c));
            }
        }
        ctx.fullRun(progress).run();
        return ids;
    }
}
