package io.convprobe.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuIsaTest {
    @Test
    void oneDnnsOwnPrecedenceIsReported() {
        assertThat(CpuIsa.setting(Map.of())).startsWith("none");
        assertThat(CpuIsa.setting(Map.of("DNNL_MAX_CPU_ISA", "AVX2", "CONVPROBE_SET_ISA", "1")))
                .isEqualTo("DNNL_MAX_CPU_ISA=AVX2 (set by convprobe)");
        assertThat(CpuIsa.setting(Map.of("DNNL_MAX_CPU_ISA", "AVX512_CORE"))).isEqualTo("DNNL_MAX_CPU_ISA=AVX512_CORE (set by the user)");
        // oneDNN reads ONEDNN_ before DNNL_
        assertThat(CpuIsa.setting(Map.of("DNNL_MAX_CPU_ISA", "AVX2", "ONEDNN_MAX_CPU_ISA", "ALL", "CONVPROBE_SET_ISA", "1")))
                .isEqualTo("ONEDNN_MAX_CPU_ISA=ALL (set by the user)");
    }

    @Test
    void aChildLosesOnlyTheCapConvprobeSet() {
        Map<String, String> ours = new HashMap<>(Map.of("DNNL_MAX_CPU_ISA", "AVX2", "CONVPROBE_SET_ISA", "1", "PATH", "/bin"));
        CpuIsa.dropOwnCap(ours);
        assertThat(ours).containsOnlyKeys("PATH");
        Map<String, String> users = new HashMap<>(Map.of("DNNL_MAX_CPU_ISA", "AVX2"));
        CpuIsa.dropOwnCap(users);
        assertThat(users).containsEntry("DNNL_MAX_CPU_ISA", "AVX2");
    }

    @Test
    void theTestsRunUnderACap() {
        // Surefire's environment (root pom): without it the gradient tests would be noise on AVX-512 CPUs
        assertThat(CpuIsa.inForce()).isNotNull();
        assertThat(CpuIsa.capForGradients()).as("a cap in force is never replaced").isFalse();
    }
}
