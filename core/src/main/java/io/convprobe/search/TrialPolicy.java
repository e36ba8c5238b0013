package io.convprobe.search;

import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import java.util.BitSet;
import java.util.Collection;
import java.util.OptionalInt;

/**
 * Which trial of an architecture runs next, given those already done: trial 0 always; if its
 * accuracy is below {@code minAccuracy} or its throughput below {@code minThroughput} the
 * architecture is cut there; otherwise trials 1..trials−1, lowest missing first. A value exactly
 * at a threshold passes (the published rule stops only below it).
 */
public record TrialPolicy(int trials, double minAccuracy, double minThroughput) {
    public TrialPolicy {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
    }

    public static TrialPolicy of(ProbeSettings s) {
        return new TrialPolicy(s.trials(), s.minAccuracy(), s.minThroughput());
    }

    /** True when trial 0's result lets the architecture go on to the other trials. */
    public boolean passes(TrialResult first) {
        return first.testAccuracy() >= minAccuracy && first.throughput() >= minThroughput;
    }

    /** The next trial to run, or empty when the architecture is finished (cut or full). */
    public OptionalInt next(Collection<TrialResult> done) {
        BitSet have = new BitSet();
        TrialResult first = null;
        for (TrialResult t : done) {
            have.set(t.trial());
            if (t.trial() == 0) {
                first = t;
            }
        }
        if (first == null) {
            return OptionalInt.of(0);
        }
        if (!passes(first)) {
            return OptionalInt.empty();
        }
        int missing = have.nextClearBit(1);
        return missing < trials ? OptionalInt.of(missing) : OptionalInt.empty();
    }

    /** Status of a valid architecture with these trials done. */
    public ArchStatus status(Collection<TrialResult> done) {
        if (next(done).isPresent()) {
            return ArchStatus.PENDING;
        }
        return done.stream().filter(t -> t.trial() == 0).allMatch(this::passes) ? ArchStatus.FULL : ArchStatus.CUT;
    }
}
