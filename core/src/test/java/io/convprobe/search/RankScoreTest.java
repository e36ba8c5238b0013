package io.convprobe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.TrialResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --rank-by}: the fitness, top-N and errors for any stored score. */
class RankScoreTest {
    private static final ArchSpec SPEC = SpecFormat.parse("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1");

    /** Two trials, each storing ridge = its accuracy and a made-up synflow; params as given. */
    private static ArchAggregate agg(long id, double acc, double thr, double synflow, long params) {
        List<TrialResult> ts = List.of(
                new TrialResult(0, acc - 1, acc, thr, 1, 1, Map.of("ridge", acc - 1, "synflow", synflow)),
                new TrialResult(1, acc + 1, acc, thr, 1, 1, Map.of("ridge", acc + 1, "synflow", synflow)));
        return ArchAggregate.of(id, id, SPEC, "s" + id, ArchStatus.FULL, ts, 0.5, params, 2 * params, 1);
    }

    private static final List<ArchAggregate> ARCHS = List.of(agg(0, 60, 1000, 5, 300), agg(1, 50, 3000, 9, 100),
            agg(2, 70, 500, 1, 200), agg(3, 65, 2000, 7, 400));

    @Test
    void rankByRidgeIsThePublishedFitness() {
        List<ArchAggregate> published = Fitness.score(ARCHS, 0.3);
        List<ArchAggregate> ridge = Fitness.score(ARCHS, 0.3, "ridge");
        assertThat(ridge).extracting(ArchAggregate::fitness)
                .containsExactlyElementsOf(published.stream().map(ArchAggregate::fitness).toList());
        // and the same without any proxy rows (a run made before proxies existed)
        List<ArchAggregate> bare = ARCHS.stream().map(a -> ArchAggregate.of(a.id(), a.id(), SPEC, a.spec(), a.status(),
                List.of(new TrialResult(0, a.accuracy(), a.accuracy(), a.throughput(), 1, 1)), 0.5, a.params(),
                a.macs(), 1)).toList();
        assertThat(Fitness.top(Fitness.score(bare, 0.3, "ridge"), 4)).extracting(ArchAggregate::id)
                .containsExactlyElementsOf(Fitness.top(published, 4).stream().map(ArchAggregate::id).toList());
    }

    @Test
    void anotherScoreRanksByItsValuePlusThroughput() {
        // weight 0: the order of the score alone
        assertThat(Fitness.top(Fitness.score(ARCHS, 0, "synflow"), 4)).extracting(ArchAggregate::id)
                .containsExactly(1L, 3L, 0L, 2L);
        assertThat(Fitness.top(Fitness.score(ARCHS, 0, "params"), 4)).extracting(ArchAggregate::id)
                .containsExactly(3L, 0L, 2L, 1L);
        // normalized(synflow) + 0.3 normalized(throughput) for arch 0: (5-1)/8 + 0.3 (1000-500)/2500
        assertThat(Fitness.score(ARCHS, 0.3, "synflow").get(0).fitness()).isCloseTo(0.5 + 0.3 * 0.2,
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void theDefaultFallsBackToRidgeWhenTheRunDoesNotStoreIt() {
        List<ArchAggregate> withDefault = List.of(ArchAggregate.of(0, 0, SPEC, "s0", ArchStatus.FULL,
                List.of(new TrialResult(0, 60, 60, 1000, 1, 1, Map.of("ridge", 60.0, RankScore.DEFAULT, 3.0))), 0.5, 10,
                20, 1));
        List<ArchAggregate> without = List.of(ArchAggregate.of(0, 0, SPEC, "s0", ArchStatus.FULL,
                List.of(new TrialResult(0, 60, 60, 1000, 1, 1)), 0.5, 10, 20, 1));
        assertThat(RankScore.defaultFor(withDefault)).isEqualTo(RankScore.DEFAULT);
        // a column score (ridge, params, macs, features) is always there; a proxy default falls back
        boolean column = List.of("ridge", "params", "macs", "features").contains(RankScore.DEFAULT);
        assertThat(RankScore.defaultFor(without)).isEqualTo(column ? RankScore.DEFAULT : RankScore.RIDGE);
        assertThat(RankScore.defaultFor(List.of())).isEqualTo(RankScore.RIDGE);
    }

    @Test
    void anUnknownScoreIsAOneLineErrorListingTheAvailableOnes() {
        assertThat(RankScore.check("synflow", ARCHS, "run")).isEqualTo("synflow");
        assertThatThrownBy(() -> RankScore.check("combined", ARCHS, "runs/x"))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("runs/x has no score 'combined'")
                .hasMessageContaining("synflow").hasMessageContaining("validate --apply");
    }
}
