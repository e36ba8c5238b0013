package io.convprobe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.predict.Features;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The validate study's predictor: its out-of-sample predictions never see their own network's
 * accuracy, it lands in the report as the row 'predicted' with a learning curve, and --apply's
 * predictions cover every screened network.
 */
class StudyPredictorTest {
    private static final int[] KERNELS = {1, 3, 5, 7};

    /** 40 screened chains; accuracy follows naswot plus the first kernel, and noise. */
    static List<ArchAggregate> screened() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<ArchAggregate> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int k1 = KERNELS[i % 4];
            int k2 = KERNELS[(i / 4) % 4];
            String spec = "c8k" + k1 + "-relu-c8k" + k2 + "-relu";
            out.add(new ArchAggregate(i + 1, i, spec, List.of(), List.of(), List.of(), ArchStatus.FULL, 1, 50 + i % 7,
                    Double.NaN, Double.NaN, 0, Double.NaN, 1000, 0.5, 100 + i, 1000 + i, -1, Double.NaN, Double.NaN,
                    Map.of("naswot", (double) i + rnd.nextDouble() * 8, "synflow", rnd.nextDouble())));
        }
        return out;
    }

    static double truth(ArchAggregate a, SplittableRandom rnd) {
        return 0.5 * a.proxies().get("naswot") + (a.spec().startsWith("c8k3") ? 6 : 0) + rnd.nextDouble() * 2;
    }

    @Test
    void outOfSamplePredictionsNeverSeeTheirOwnAccuracy() {
        List<ArchAggregate> all = screened();
        StudyPredictor.Population pop = StudyPredictor.Population.of(all, "naswot");
        List<Features> rows = all.subList(0, 8).stream().map(a -> pop.byId().get(a.id())).toList();
        SplittableRandom rnd = new SplittableRandom(1);
        double[] acc = rows.stream().mapToDouble(f -> truth(all.get((int) f.id() - 1), rnd)).toArray();
        double[] first = StudyPredictor.outOfSample(rows, acc, 0);
        assertThat(StudyPredictor.outOfSample(rows, acc, 0)).containsExactly(first); // repeatable
        for (int i = 0; i < rows.size(); i++) {
            double[] changed = acc.clone();
            changed[i] = -1000; // 8 ≤ 20: leave-one-out, so network i's own prediction must not move
            assertThat(StudyPredictor.outOfSample(rows, changed, 0)[i]).isEqualTo(first[i]);
        }
        assertThat(StudyPredictor.outOfSample(rows.subList(0, 5), java.util.Arrays.copyOf(acc, 5), 0)).isNull();
    }

    @Test
    void theReportCarriesThePredictorItsCurveAndApplyCoversEveryScreenedNetwork() {
        List<ArchAggregate> all = screened();
        SplittableRandom rnd = new SplittableRandom(2);
        List<StudyAnalysis.Trained> trained = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            ArchAggregate a = all.get(i);
            trained.add(new StudyAnalysis.Trained(a, i + 1, a.spec(), truth(a, rnd)));
        }
        StudyReport r = StudyAnalysis.analyse("run", "validate", "naswot", Map.of(), all, 14, trained, 0, 200);
        assertThat(r.predictor()).isNotNull();
        assertThat(r.predictor().prior()).isEqualTo("naswot");
        assertThat(r.predictor().curve()).extracting(StudyPredictor.CurvePoint::n).containsExactly(5, 10);
        assertThat(r.metrics(StudyPredictor.NAME)).isNotNull();
        assertThat(r.metrics(StudyPredictor.NAME).n()).isEqualTo(14);
        assertThat(r.archs()).allSatisfy(a -> assertThat(a.scores()).containsKey(StudyPredictor.NAME));
        assertThat(StudyText.predictor(r)).contains("learning curve").contains("out of sample ρ");
        StudyPredictor.Predictions p = StudyPredictor.apply(r, all, 0);
        assertThat(p.value()).hasSize(40).allSatisfy((id, v) -> assertThat(v).isFinite());
        // the derived scores are never inputs once --apply stored them
        List<ArchAggregate> applied = all.stream().map(a -> {
            Map<String, Double> px = new java.util.HashMap<>(a.proxies());
            px.put(CombinedScore.NAME, 0.5);
            px.put(StudyPredictor.NAME, p.value().get(a.id()));
            px.put(StudyPredictor.SPREAD, 0.1);
            return new ArchAggregate(a.id(), a.spaceIndex(), a.spec(), List.of(), List.of(), List.of(), ArchStatus.FULL, 1,
                    a.accuracy(), Double.NaN, Double.NaN, 0, Double.NaN, 1000, 0.5, a.params(), a.macs(), -1, Double.NaN,
                    Double.NaN, px);
        }).toList();
        assertThat(StudyAnalysis.evaluated(applied)).containsExactlyInAnyOrderElementsOf(StudyAnalysis.evaluated(all))
                .doesNotContain(StudyPredictor.NAME, CombinedScore.NAME, StudyPredictor.SPREAD);
    }
}
