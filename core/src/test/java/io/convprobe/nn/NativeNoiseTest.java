package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeNoiseTest {
    @Test
    void dropsOnlyKnownHarmlessLibtorchWarnings() {
        assertThat(NativeNoise.harmless("[W1124 21:06:56.636187670 NNPACK.cpp:57] Could not initialize NNPACK! "
                + "Reason: Unsupported hardware.")).isTrue();
        assertThat(NativeNoise.harmless("[W1124 21:05:43.450890659 LegacyTypeDispatch.h:74] Warning: "
                + "AutoNonVariableTypeMode is deprecated and will be removed in 1.10 release.")).isTrue();
        assertThat(NativeNoise.harmless("[E1124 21:06:56.636187670 Foo.cpp:1] out of memory")).isFalse();
        assertThat(NativeNoise.harmless("[W1124 21:06:56.6 Other.cpp:3] Something else")).isFalse();
        assertThat(NativeNoise.harmless("convprobe: bad spec")).isFalse();
    }
}
