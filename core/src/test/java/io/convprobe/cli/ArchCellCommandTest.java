package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ArchCellCommandTest {
    static final String SPEC =
            "nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";

    @Test
    void jsonHasTotalsAndBlocks() throws Exception {
        CliRun r = CliRun.of("arch", SPEC, "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("spec").asText()).isEqualTo(SPEC);
        assertThat(j.get("input_shape").asText()).isEqualTo("3x32x32");
        assertThat(j.get("output_shape").asText()).isEqualTo("10");
        assertThat(j.get("blocks")).hasSize(1 + 5 + 1 + 5 + 1 + 5 + 1);
        assertThat(j.get("blocks").get(1).get("edges")).hasSize(6);
        long sum = 0;
        for (JsonNode b : j.get("blocks")) {
            sum += b.get("params").asLong();
        }
        assertThat(j.get("params").asLong()).isEqualTo(sum).isPositive();
        assertThat(j.get("naslib_flops").asLong()).isGreaterThan(j.get("macs").asLong());
        assertThat(j.get("receptive_field").asInt()).isPositive();
    }

    @Test
    void tableAndOptions() {
        CliRun r = CliRun.of("arch", "nb201:C8:N1:|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|none~2|");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("8x32x32").contains("16x16x16").contains("32x8x8").contains("params 32,402");
        assertThat(CliRun.of("arch", SPEC, "--classes", "100", "--json").out()).contains("\"output_shape\" : \"100\"");
        assertThat(CliRun.of("arch", "nb201:N5:C16:" + SPEC.substring(6), "--format", "nb201").out().trim()).isEqualTo(SPEC);
    }

    @Test
    void malformedIsOneLineExit2() {
        CliRun r = CliRun.of("arch", "nb201:|nor_conv_3x3~0|+|bogus~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("convprobe: nb201 spec").contains("node 2, input 0").doesNotContain("\n");
        assertThat(CliRun.of("probe", "nb201:C4:N1:|nor_conv_3x3~0|+|bogus~0|").exitCode()).isEqualTo(2);
    }
}
