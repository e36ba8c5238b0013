package io.convprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyVerdictTest {
    private static ProxyValidation v(double rho, double tau, int n) {
        return new ProxyValidation("s", List.of(), rho, tau, n);
    }

    @Test
    void strengthBands() {
        assertThat(ProxyVerdict.strength(0.85)).isEqualTo("strongly");
        assertThat(ProxyVerdict.strength(0.5)).isEqualTo("moderately");
        assertThat(ProxyVerdict.strength(0.31)).isEqualTo("weakly");
        assertThat(ProxyVerdict.strength(0.1)).isEqualTo("not at all");
    }

    @Test
    void statesStrengthNumbersAndCautionForSmallN() {
        String s = ProxyVerdict.sentence(v(0.31, 0.22, 4));
        assertThat(s).startsWith("The screen's ranking predicted the trained ranking weakly")
                .contains("Spearman ρ = 0.31", "Kendall τ = 0.22", "n = 4", "Caution");
    }

    @Test
    void noCautionWithEnoughArchitectures() {
        assertThat(ProxyVerdict.sentence(v(0.75, 0.6, 30))).contains("strongly").doesNotContain("Caution");
    }

    @Test
    void negativeCorrelationIsCalledReversed() {
        assertThat(ProxyVerdict.sentence(v(-0.5, -0.4, 20))).contains("reversed");
    }

    @Test
    void uncomputableCoefficientsAreSaidSo() {
        assertThat(ProxyVerdict.sentence(v(Double.NaN, Double.NaN, 1))).contains("could not be measured", "ρ = –");
    }
}
