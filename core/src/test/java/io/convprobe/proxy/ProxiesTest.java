package io.convprobe.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import org.junit.jupiter.api.Test;

class ProxiesTest {
    @Test
    void theDefaultIsTheCheapSetAndAllIsEveryProxy() {
        assertThat(Proxies.defaults().names()).containsExactly("ridge", "naswot", "synflow", "params", "macs");
        assertThat(Proxies.parse("all").names()).containsExactly("ridge", "naswot", "synflow", "grad_norm", "snip",
                "jacob_cov", "zico", "params", "macs", "features");
        assertThat(Proxies.parse(" ALL ").names()).isEqualTo(Proxies.allNames());
    }

    @Test
    void orderAndDuplicatesDoNotMatterSoTheCanonicalListIsStable() {
        assertThat(Proxies.parse("macs, ridge,macs").describe()).isEqualTo("ridge,macs");
        assertThat(Proxies.parse("zico,naswot").describe()).isEqualTo(Proxies.parse("naswot,zico").describe());
        assertThat(Proxies.none().isEmpty()).isTrue();
        assertThat(Proxies.parse("none").isEmpty()).isTrue();
        assertThat(Proxies.parse("none").describe()).isEmpty(); // no proxies key in a search's configuration
        assertThat(Proxies.parse("snip").contains("snip")).isTrue();
        assertThat(Proxies.parse("snip").contains("ridge")).isFalse();
    }

    @Test
    void unknownOrEmptyListsAreOneLineUserErrors() {
        assertThatThrownBy(() -> Proxies.parse("ridge,naswt")).isInstanceOf(UserException.class)
                .hasMessage("--proxies: unknown proxy 'naswt'; valid: ridge, naswot, synflow, grad_norm, snip, jacob_cov, "
                        + "zico, params, macs, features (or all, none)");
        assertThatThrownBy(() -> Proxies.parse(" , ")).isInstanceOf(UserException.class).hasMessageContaining("empty");
    }

    @Test
    void theLogDeterminantIsTheSumOfLogPivotsAndSingularKernelsAreNaN() {
        // det [[4, 2], [2, 3]] = 8
        assertThat(HammingKernel.logAbsDet(new double[] {4, 2, 2, 3}, 2)).isCloseTo(Math.log(8), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(HammingKernel.logAbsDet(new double[] {1, 1, 1, 1}, 2)).isNaN();
        // no overflow where det itself would: 128 x 128, diagonal 1e6 -> log det = 128 log 1e6
        double[] big = new double[128 * 128];
        for (int i = 0; i < 128; i++) {
            big[i * 128 + i] = 1e6;
        }
        assertThat(HammingKernel.logAbsDet(big, 128)).isCloseTo(128 * Math.log(1e6), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void jacobCovOfOrthogonalRowsIsMinusTheSumAtEigenvalueOne() {
        // rows with zero-mean, mutually uncorrelated entries: correlation = identity, all eigenvalues 1
        float[] jac = {1, -1, 0, 0, 0, 0, 1, -1};
        double l = 1 + 1e-5;
        assertThat(JacobCovProxy.score(jac, 2)).isCloseTo(-2 * (Math.log(l) + 1 / l), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(JacobCovProxy.score(new float[] {1, 1, 1, 1, 0, 1, 0, 1}, 2)).as("a constant row").isNaN();
    }

    @Test
    void onlyGradNormSnipAndJacobCovTakeFloat32Gradients() {
        // these decide whether a process is capped at AVX (docs/design.md): a wrong answer either
        // computes garbage on AVX-512 CPUs or slows a forward-only search by 20-30 %
        assertThat(Proxies.parse(Proxies.DEFAULT).float32Gradients()).isFalse();
        assertThat(Proxies.parse("ridge,naswot,synflow,zico,params,macs,features").float32Gradients()).isFalse();
        for (String p : new String[] {"grad_norm", "snip", "jacob_cov"}) {
            assertThat(Proxies.parse("ridge," + p).float32Gradients()).as(p).isTrue();
        }
        assertThat(Proxies.parse("all").float32Gradients()).isTrue();
        assertThat(Proxies.none().float32Gradients()).isFalse();
    }
}
