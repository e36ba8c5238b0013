package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ArchAndSpaceCommandTest {
    @Test
    void archJsonHasTheDocumentedFields() throws Exception {
        CliRun r = CliRun.of("arch", "ch=32", "ks=7,3,5", "st=2,1,2", "di=1,3,1", "--classes", "10", "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("params").asLong()).isEqualTo(143_306);
        assertThat(j.get("ratio").asDouble()).isEqualTo(0.375);
        assertThat(j.get("output_shape").asText()).isEqualTo("10");
        assertThat(j.get("receptive_field").asInt()).isEqualTo(27);
        assertThat(j.get("macs").asLong()).isPositive();
        assertThat(j.get("layers")).hasSize(8);
    }

    @Test
    void archTableShowsLayersAndTotals() {
        CliRun r = CliRun.of("arch", "c6k5-relu-max2-flat-fc10", "--input", "1x28x28");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("6x24x24").contains("6x12x12").contains("params 8,806");
    }

    @Test
    void archFormatsConvert() {
        CliRun r = CliRun.of("arch", "ch=32 ks=7,3,5 st=2,1,2 di=1,3,1", "--format", "compact");
        assertThat(r.out().trim()).isEqualTo("c32k7s2d1-relu-c32k3s1d3-relu-c32k5s2d1-relu");
        assertThat(CliRun.of("arch", "c32k7s2d1-relu-c32k3s1d3-relu-c32k5s2d1-relu", "--format", "published").out().trim())
                .isEqualTo("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1");
        assertThat(CliRun.of("arch", "c8-bn", "--format", "published").exitCode()).isEqualTo(2);
    }

    @Test
    void badSpecIsOneLineExit2() {
        CliRun r = CliRun.of("arch", "ch=32 ks=9,9,9 st=3,3,3 di=3,3,3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("convprobe: layer 2").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void unknownOptionIsExit2() {
        CliRun r = CliRun.of("space", "--bogus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--bogus");
    }

    @Test
    void debugPrintsTheStackTrace() {
        CliRun r = CliRun.of("--debug", "arch", "c0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("SpecException").contains("\tat ");
    }

    @Test
    void spaceJsonCountsForSeedSpace() throws Exception {
        JsonNode j = Json.MAPPER.readTree(CliRun.of("space", "--preset", "seed", "--input", "3x96x96", "--json").out());
        assertThat(j.get("total").asLong()).isEqualTo(46_656);
        assertThat(j.get("shape_valid").asLong()).isEqualTo(36_369);
        assertThat(j.get("valid").asLong()).isEqualTo(32_021);
        j = Json.MAPPER.readTree(CliRun.of("space", "--input", "3x32x32", "--json").out());
        assertThat(j.get("valid").asLong()).isEqualTo(6_532);
    }

    @Test
    void spaceListAndSample() {
        String all = CliRun.of("space", "--input", "1x28x28", "--list").out();
        assertThat(all.lines()).hasSize(3_804).allMatch(l -> l.startsWith("ch=32 ks="));
        String s1 = CliRun.of("space", "--input", "1x28x28", "--list", "--sample", "5", "--seed", "3").out();
        String s2 = CliRun.of("space", "--input", "1x28x28", "--list", "--sample", "5", "--seed", "3").out();
        assertThat(s1).isEqualTo(s2);
        assertThat(s1.lines()).hasSize(5).allMatch(all::contains);
    }

    @Test
    void explicitSpaceFlags() throws Exception {
        JsonNode j = Json.MAPPER.readTree(CliRun.of("space", "--layers", "1..2", "--channels", "8,16", "--kernels", "3",
                "--strides", "1", "--dilations", "1", "--input", "1x8x8", "--ratio", "0,100", "--json").out());
        assertThat(j.get("total").asLong()).isEqualTo(2 + 4);
        assertThat(j.get("valid").asLong()).isEqualTo(6);
    }

    @Test
    void versionAndHelp() {
        assertThat(CliRun.of("--version").out()).contains("convprobe").contains("DJL").contains("PyTorch");
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("arch").contains("space");
        assertThat(CliRun.of("space", "--help").out()).contains("--sample").contains("--ratio");
    }

    @Test
    void spacePoolsNormsAndFileCountWithoutEnumerating(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        JsonNode j = Json.MAPPER.readTree(CliRun.of("space", "--input", "3x96x96", "--layers", "3..5", "--channels",
                "16,32,64", "--paddings", "0,1", "--pools", "none,max2,avg2", "--norms", "none,bn", "--json").out());
        assertThat(j.get("total").asLong()).isGreaterThan(1_000_000_000L);
        assertThat(j.get("valid").asLong()).isPositive().isLessThanOrEqualTo(j.get("shape_valid").asLong());
        assertThat(j.get("valid_by_layers").size()).isEqualTo(3);
        java.nio.file.Path f = dir.resolve("s.yaml");
        java.nio.file.Files.writeString(f, "layers: 2\npositions:\n  - {kernels: [9], pools: [max2]}\n  - {kernels: [3]}\n");
        String list = CliRun.of("space", "--input", "1x28x28", "--space-file", f.toString(), "--list").out();
        assertThat(list.lines().count()).isPositive();
        assertThat(list.lines()).allMatch(l -> l.contains("9") && l.contains("max"));
        CliRun bad = CliRun.of("space", "--pools", "min2");
        assertThat(bad.exitCode()).isEqualTo(2);
    }
}
