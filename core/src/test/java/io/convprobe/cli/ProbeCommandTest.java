package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ProbeCommandTest {
    private static final String[] SMALL = {"--train-size", "120", "--test-size", "60", "--trials", "2", "--seed", "4"};

    private static CliRun probe(String spec, String... extra) {
        String[] args = new String[2 + SMALL.length + extra.length];
        args[0] = "probe";
        args[1] = spec;
        System.arraycopy(SMALL, 0, args, 2, SMALL.length);
        System.arraycopy(extra, 0, args, 2 + SMALL.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void jsonHasTheDocumentedFieldsAndTheSameSeedReproducesIt() throws Exception {
        CliRun r = probe("ch=16 ks=5,3 st=2,1 di=1,2", "--json", "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j.get("spec").asText()).isEqualTo("ch=16 ks=5,3 st=2,1 di=1,2");
        assertThat(j.get("accuracies")).hasSize(2);
        double a0 = j.get("accuracies").get(0).asDouble();
        double a1 = j.get("accuracies").get(1).asDouble();
        assertThat(j.get("accuracy_mean").asDouble()).isEqualTo((a0 + a1) / 2);
        assertThat(j.get("accuracy_mean").asDouble()).as("fashion-mnist is far above 10%% chance").isGreaterThan(40);
        assertThat(j.get("train_accuracy_mean").asDouble()).isBetween(0.0, 100.0);
        assertThat(j.get("throughput").asDouble()).isPositive();
        // 1x28x28 -> k5 s2 -> 12x12 -> k3 d2 -> 8x8, 16 channels
        assertThat(j.get("features").asLong()).isEqualTo(16 * 8 * 8);
        assertThat(j.get("params").asLong()).isEqualTo(16 * 25 + 16 + 16 * 16 * 9 + 16);
        assertThat(j.get("ratio").asDouble()).isEqualTo(1024.0 / 784);

        JsonNode again = Json.MAPPER.readTree(probe("ch=16 ks=5,3 st=2,1 di=1,2", "--json").out());
        assertThat(again.get("accuracies")).isEqualTo(j.get("accuracies"));
        assertThat(again.get("train_accuracies")).isEqualTo(j.get("train_accuracies"));
        JsonNode other = Json.MAPPER.readTree(CliRun.of("probe", "ch=16 ks=5,3 st=2,1 di=1,2", "--train-size", "120",
                "--test-size", "60", "--trials", "2", "--seed", "5", "--json").out());
        assertThat(other.get("seed").asLong()).isEqualTo(5);
        assertThat(other.get("train_accuracies")).isNotEqualTo(j.get("train_accuracies"));
    }

    @Test
    void humanOutputHasATrialTableAndTheMeanLine() {
        CliRun r = probe("c8k3s2-relu");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("trial").contains("accuracy").contains("img/s").contains("mean accuracy");
        assertThat(r.out().lines().filter(l -> l.matches("\\s+[01]\\s+.*%.*"))).hasSize(2);
    }

    @Test
    void unprobeableOrOversizedInputIsOneLineExit2() {
        CliRun bn = probe("c8k3-bn-relu");
        assertThat(bn.exitCode()).isEqualTo(2);
        assertThat(bn.err().strip()).startsWith("convprobe: layer 1 (bn)").doesNotContain("\n");
        CliRun big = CliRun.of("probe", "c8k3-relu", "--train-size", "5000");
        assertThat(big.exitCode()).isEqualTo(2);
        assertThat(big.err()).contains("train images");
        assertThat(CliRun.of("probe", "c8k3-relu", "--threads", "0").exitCode()).isEqualTo(2);
    }
}
