package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convprobe.train.EpochMetrics;
import io.convprobe.train.TrainStore;
import io.convprobe.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    private static final String SMALL = "c8k5s2-relu-flat";

    @Test
    void aFewStepsOnTheEmbeddedSampleLowerTheLossAndEvaluateReadsTheRun(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("train", SMALL, "--epochs", "3", "--optimizer", "adam", "--lr", "3e-3", "--schedule",
                "constant", "--batch-size", "50", "--run", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("validation = test split").contains("val acc").contains("best epoch");
        List<EpochMetrics> rows;
        try (TrainStore store = new TrainStore(run)) {
            rows = store.epochs();
        }
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).trainLoss()).isLessThan(rows.get(0).trainLoss());
        assertThat(rows.get(2).valLoss()).isLessThan(Math.log(10));

        CliRun e = CliRun.of("evaluate", run.toString(), "--json");
        assertThat(e.exitCode()).as(e.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(e.out());
        assertThat(j.get("images").asInt()).isEqualTo(1000);
        assertThat(j.get("accuracy").asDouble()).isCloseTo(rows.get(2).valAccuracy(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(j.get("loss").asDouble()).isCloseTo(rows.get(2).valLoss(), org.assertj.core.api.Assertions.within(1e-4));
        assertThat(j.get("confusion")).hasSize(10);
        assertThat(j.get("per_class_accuracy").size()).isEqualTo(10);
        assertThat(CliRun.of("evaluate", run.toString()).out()).contains("confusion matrix").contains("T-shirt");
    }

    @Test
    void configMatrixRunsEachCombinationOnceAndSkipsFinishedOnes(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("exp.yaml");
        Files.writeString(yaml, "max_inputs: 100\nbatch_size: 50\nruns_dir: " + dir.resolve("runs") + "\nmatrix:\n"
                + "  model: [" + SMALL + "]\n  optimizer: [adam, sgd]\n  lr: [1e-3]\n");
        CliRun first = CliRun.of("train", "--config", yaml.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("2 runs").contains("-adam-").contains("-sgd-");
        CliRun again = CliRun.of("train", "--config", yaml.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("finished, skipped").doesNotContain("epoch   1/");
        try (var runs = Files.list(dir.resolve("runs"))) {
            assertThat(runs.filter(p -> Files.exists(p.resolve(Training.SUMMARY))).count()).isEqualTo(2);
        }
    }

    @Test
    void zooJsonListsModelsWithParameterCounts() throws Exception {
        CliRun r = CliRun.of("zoo", "--json", "--input", "3x32x32");
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertThat(j).hasSize(25);
        assertThat(j.get(0).get("name").asText()).isEqualTo("tutorial-net");
        assertThat(j.get(0).get("params").asLong()).isEqualTo(62_006);
    }

    @Test
    void badInputIsOneLineExit2(@TempDir Path dir) {
        for (String[] args : new String[][] {
            {"train", "no-such-model", "--run", dir.resolve("a").toString()},
            {"train", "tutorial-net", "--optimizer", "rmsprop"},
            {"train", "tutorial-net", "--schedule", "linear"},
            {"train", "c8k31-relu", "--run", dir.resolve("b").toString()},
            {"train", "tutorial-net", "--epochs", "2", "--max-inputs", "100"},
            {"evaluate", dir.resolve("missing").toString()},
        }) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        }
    }
}
