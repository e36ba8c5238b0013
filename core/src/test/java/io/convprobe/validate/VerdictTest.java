package io.convprobe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
    static ProxyMetrics m(String name, double rho, double lo, double hi) {
        return new ProxyMetrics(name, 60, rho, new Interval(lo, hi), rho * 0.7, new Interval(lo * 0.7, hi * 0.7), 6,
                0.5, 5, 0.8, rho / 2);
    }

    @Test
    void namesTheBestScoreWithItsIntervalAndTheBaselines() {
        String[] v = Verdict.of(List.of(m("synflow", 0.71, 0.55, 0.82), m("ridge", 0.44, 0.2, 0.6),
                m("params", 0.66, 0.5, 0.78), m("macs", 0.6, 0.4, 0.75)), 60);
        assertThat(v[0]).startsWith("synflow ranks training best here, ρ 0.71 [0.55, 0.82]; the ridge probe ρ 0.44 "
                + "[0.20, 0.60]; parameter count alone ρ 0.66 [0.50, 0.78]; MAC count alone ρ 0.60")
                .contains("within the noise").doesNotContain("Caution");
        assertThat(v[1]).isEqualTo("synflow");
        assertThat(v[2]).isEqualTo("true");
    }

    @Test
    void saysPlainlyWhenNothingBeatsSize() {
        String[] v = Verdict.of(List.of(m("synflow", 0.5, 0.3, 0.7), m("ridge", 0.45, 0.2, 0.6),
                m("params", 0.66, 0.5, 0.78), m("combined", 0.6, 0.4, 0.75)), 8);
        assertThat(v[0]).startsWith("No screening score beats counting parameters here: parameter count alone ranks "
                + "training at ρ 0.66").contains("the best score, combined").contains("--rank-by params")
                .contains("Caution: 8 trained");
        assertThat(v[1]).isEqualTo("params");
        assertThat(v[2]).isEqualTo("false");
    }

    @Test
    void anIntervalThroughZeroIsNotTrusted() {
        String[] v = Verdict.of(List.of(m("naswot", 0.3, -0.2, 0.7), m("params", 0.1, -0.4, 0.5)), 12);
        assertThat(v[0]).contains("includes 0").doesNotContain("Trust ");
    }

    @Test
    void saysWhenTheBestScoreIsAtTheNoiseCeiling() {
        List<ProxyMetrics> rows = List.of(m("naswot", 0.7, 0.5, 0.85), m("params", 0.4, 0.1, 0.6));
        SeedNoise noise = new SeedNoise(2, 40, 2, 0.6, new Interval(0.4, 0.75), 2.8, 15, SeedNoise.ceiling(0.6, 2),
                Interval.UNKNOWN, null);
        assertThat(noise.ceiling()).isCloseTo(0.866, org.assertj.core.api.Assertions.within(1e-3));
        String s = Verdict.noise(rows, noise);
        assertThat(s).contains("ρ 0.60 [0.40, 0.75] (40 networks, mean |Δ| 2.80 points on a 15.00-point spread)")
                .contains("mean of 2 seeds better than ρ 0.87").contains("naswot reaches 81 % of it")
                .doesNotContain("reaches the ceiling");
        String at = Verdict.noise(List.of(m("naswot", 0.75, 0.6, 0.9)), noise);
        assertThat(at).contains("its interval reaches the ceiling");
        assertThat(Verdict.noise(rows, null)).isEmpty();
    }

    @Test
    void namesTheTrainingTimeScoresWithTheirCost() {
        assertThat(Verdict.training(List.of(new StudyReport.TrainingScore("val_1", 1, 0.1, m("val_1", 0.8, 0.6, 0.9)))))
                .isEqualTo(" From the training itself: val_1 ρ 0.80 [0.60, 0.90] after 10 % of the training.");
        assertThat(Verdict.training(List.of())).isEmpty();
    }
}
