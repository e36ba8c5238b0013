package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.convprobe.train.Checkpoint;
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

    /** A NAS-Bench-201 cell network (C 4, N 1) through train, evaluate, resume and export, with the nb201 recipe. */
    @Test
    void aCellNetworkTrainsWithTheNb201RecipeAndEvaluateAndExportReadTheRun(@TempDir Path dir) throws Exception {
        String cell = "nb201:C4:N1:|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|";
        Path run = dir.resolve("run");
        // the recipe's CIFAR-10 normalisation has 3 channels; the embedded sample is grayscale, so give its own
        CliRun r = CliRun.of("train", cell, "--recipe", "nb201", "--normalize", "0.2860/0.3530", "--epochs", "1",
                "--batch-size", "100", "--run", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(cell + ", 11,374 params").contains("recipe nb201")
                .contains("inputs normalised by 0.2860/0.3530");
        Checkpoint ckpt = Checkpoint.read(run.resolve(Training.LAST));
        assertThat(ckpt.info().spec()).isEqualTo(cell);
        assertThat(ckpt.info().updates()).isEqualTo(10);
        assertThat(ckpt.info().config().optimizerSettings().nesterov()).isTrue();
        assertThat(ckpt.info().config().weightDecay()).isEqualTo(5e-4);
        assertThat(ckpt.info().config().augment()).isEqualTo("crop-flip");
        List<EpochMetrics> rows;
        try (TrainStore store = new TrainStore(run)) {
            rows = store.epochs();
        }
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).lr()).isCloseTo(0.1 * 0.5 * (1 + Math.cos(Math.PI * 9 / 10)), within(1e-9));

        CliRun e = CliRun.of("evaluate", run.toString(), "--json");
        assertThat(e.exitCode()).as(e.err()).isZero();
        JsonNode j = Json.MAPPER.readTree(e.out());
        assertThat(j.get("accuracy").asDouble()).isCloseTo(rows.get(0).valAccuracy(), within(1e-9));
        assertThat(j.get("loss").asDouble()).isCloseTo(rows.get(0).valLoss(), within(1e-4));

        CliRun again = CliRun.of("train", "--resume", "--run", run.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("epoch   1/");

        Path out = dir.resolve("pt");
        CliRun x = CliRun.of("export", run.toString(), "--out", out.toString());
        assertThat(x.exitCode()).as(x.err()).isZero();
        assertThat(x.out()).contains("93 tensors");
        assertThat(Files.readString(out.resolve("model.py"))).contains("class TinyNetwork(nn.Module):")
                .contains("MEAN = (0.286,)").contains("return (x - mean) / std");
        assertThat(Files.readString(out.resolve("README.md"))).contains("--normalize 0.2860/0.3530");
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
            {"train", "tutorial-net", "--recipe", "darts"},
            {"train", "tutorial-net", "--normalize", "0.5/0"},
            {"train", "nb201:C4:N1:|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|nor_conv_1x1~2|", "--recipe",
                "nb201", "--run", dir.resolve("c").toString()}, // cifar10 normalisation on grayscale images
            {"train", "nb201:|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|", "--run", dir.resolve("d").toString()},
        }) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        }
    }
}
