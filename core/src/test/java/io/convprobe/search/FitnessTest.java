package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.TrialResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitnessTest {
    private static final ArchSpec SPEC = SpecFormat.parse("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1");

    private static ArchAggregate agg(long id, ArchStatus status, double acc, double thr) {
        return ArchAggregate.of(id, id, SPEC, "s" + id, status, List.of(new TrialResult(0, acc, acc, thr, 1, 1)),
                0.5, 1, 1, 1);
    }

    @Test
    void statisticsOverTrials() {
        List<TrialResult> ts = List.of(new TrialResult(0, 30, 60, 1000, 1.0, 9),
                new TrialResult(1, 32, 62, 2000, 2.0, 9), new TrialResult(2, 34, 64, 3000, 3.0, 9));
        ArchAggregate a = ArchAggregate.of(3, 17, SPEC, "x", ArchStatus.FULL, ts, 0.375, 10, 20, 30);
        assertThat(a.trials()).isEqualTo(3);
        assertThat(a.accuracy()).isCloseTo(32, within(1e-12));
        assertThat(a.minAccuracy()).isEqualTo(30);
        assertThat(a.maxAccuracy()).isEqualTo(34);
        assertThat(a.stdAccuracy()).isCloseTo(2.0, within(1e-12)); // sample std of 30, 32, 34
        assertThat(a.trainAccuracy()).isCloseTo(62, within(1e-12));
        assertThat(a.throughput()).isCloseTo(2000, within(1e-9));
        assertThat(a.ridgeSeconds()).isCloseTo(2.0, within(1e-12));
        assertThat(a.kernels()).containsExactly(7, 3, 5);
        assertThat(a.strides()).containsExactly(2, 1, 2);
        assertThat(a.dilations()).containsExactly(1, 3, 1);
        assertThat(a.fitness()).isNaN();
    }

    @Test
    void minMaxNormalisedOverFullArchitecturesOnly() {
        List<ArchAggregate> scored = Fitness.score(List.of(
                agg(0, ArchStatus.FULL, 30, 1000),
                agg(1, ArchStatus.FULL, 40, 3000),
                agg(2, ArchStatus.FULL, 35, 5000),
                agg(3, ArchStatus.CUT, 99, 99_999)), 0.3);
        // accuracy range 30..40, throughput range 1000..5000; the cut one changes neither
        assertThat(scored.get(0).fitness()).isCloseTo(0.0, within(1e-12));
        assertThat(scored.get(1).fitness()).isCloseTo(1.0 + 0.3 * 0.5, within(1e-12));
        assertThat(scored.get(2).fitness()).isCloseTo(0.5 + 0.3 * 1.0, within(1e-12));
        assertThat(scored.get(3).fitness()).isNaN();
        assertThat(Fitness.top(scored, 10)).extracting(ArchAggregate::id).containsExactly(1L, 2L, 0L);
        assertThat(Fitness.top(scored, 1)).extracting(ArchAggregate::id).containsExactly(1L);
    }

    @Test
    void weightIsConfigurable() {
        List<ArchAggregate> in = List.of(agg(0, ArchStatus.FULL, 30, 5000), agg(1, ArchStatus.FULL, 40, 1000));
        assertThat(Fitness.top(Fitness.score(in, 0.3), 1).get(0).id()).isEqualTo(1);
        assertThat(Fitness.top(Fitness.score(in, 2.0), 1).get(0).id()).isEqualTo(0);
        assertThat(Fitness.score(in, 2.0).get(0).fitness()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void aConstantColumnContributesZero() {
        List<ArchAggregate> scored = Fitness.score(List.of(agg(0, ArchStatus.FULL, 30, 1000)), 0.3);
        assertThat(scored.get(0).fitness()).isEqualTo(0.0);
    }
}
