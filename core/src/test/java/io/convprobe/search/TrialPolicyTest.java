package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.probe.TrialResult;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TrialPolicyTest {
    private final TrialPolicy policy = new TrialPolicy(5, 25, 200);

    private static TrialResult t(int trial, double acc, double thr) {
        return new TrialResult(trial, acc, acc, thr, 0.1, 10);
    }

    @Test
    void trialZeroComesFirst() {
        assertThat(policy.next(List.of())).isEqualTo(OptionalInt.of(0));
        assertThat(policy.status(List.of())).isEqualTo(ArchStatus.PENDING);
        // even if later trials exist (never written by the search, but the rule must not skip 0)
        assertThat(policy.next(List.of(t(1, 50, 500)))).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void lowAccuracyCutsAfterTrialZero() {
        List<TrialResult> done = List.of(t(0, 24.99, 5000));
        assertThat(policy.next(done)).isEmpty();
        assertThat(policy.status(done)).isEqualTo(ArchStatus.CUT);
    }

    @Test
    void lowThroughputCutsAfterTrialZero() {
        List<TrialResult> done = List.of(t(0, 90, 199.9));
        assertThat(policy.next(done)).isEmpty();
        assertThat(policy.status(done)).isEqualTo(ArchStatus.CUT);
    }

    @Test
    void valuesExactlyAtTheThresholdsPass() {
        assertThat(policy.next(List.of(t(0, 25, 200)))).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void passingArchitecturesRunTheRemainingTrialsLowestMissingFirst() {
        assertThat(policy.next(List.of(t(0, 30, 300), t(1, 20, 100)))).isEqualTo(OptionalInt.of(2));
        assertThat(policy.next(List.of(t(0, 30, 300), t(2, 30, 300)))).isEqualTo(OptionalInt.of(1));
        List<TrialResult> all = List.of(t(0, 30, 300), t(1, 1, 1), t(2, 30, 300), t(3, 30, 300), t(4, 30, 300));
        assertThat(policy.next(all)).isEmpty();
        // later trials below the thresholds do not cut: only trial 0 decides
        assertThat(policy.status(all)).isEqualTo(ArchStatus.FULL);
        assertThat(policy.status(all.subList(0, 4))).isEqualTo(ArchStatus.PENDING);
    }

    @Test
    void oneTrialMeansFullAfterTrialZero() {
        TrialPolicy one = new TrialPolicy(1, 25, 200);
        assertThat(one.status(List.of(t(0, 30, 300)))).isEqualTo(ArchStatus.FULL);
        assertThat(one.status(List.of(t(0, 20, 300)))).isEqualTo(ArchStatus.CUT);
    }
}
