package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.convprobe.find.FindFiles;
import io.convprobe.train.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convprobe find} end to end: benchmark mode on a tiny cell screen of 8 table networks, and
 * real training on a tiny chain screen of the embedded sample; both deterministic and resumable.
 */
class FindCommandTest {
    private static Path table8(Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode all = json.readTree(FindCommandTest.class.getResource("/io/convprobe/validate/nb201_table8.json"));
        ArrayNode small = json.createArrayNode();
        for (int i = 0; i < 8; i++) {
            small.add(all.get(i));
        }
        Path table = dir.resolve("table8.json");
        json.writeValue(table.toFile(), small);
        return table;
    }

    @Test
    void benchmarkModeRevealsWithinTheBudgetReplaysAndRefusesAnotherConfig(@TempDir Path dir) throws Exception {
        Path table = table8(dir);
        Path run = dir.resolve("cells");
        CliRun s = CliRun.of("search", "--preset", "nb201", "--width", "4", "--cells", "1", "--archs", table.toString(),
                "--train-size", "60", "--test-size", "60", "--proxies", "naswot,synflow,params", "--rank-by",
                "naswot+synflow", "--run", run.toString());
        assertThat(s.exitCode()).as(s.err()).isZero();
        String[] args = {"find", run.toString(), "--budget", "6", "--seed-set", "5", "--accuracies", table.toString(),
            "--column", "cifar10_val_accuracy"};
        CliRun a = CliRun.of(args);
        assertThat(a.exitCode()).as(a.err()).isZero();
        List<String> traj = Files.readAllLines(run.resolve("find").resolve(FindFiles.CSV));
        assertThat(traj).hasSize(1 + 6);
        assertThat(a.out()).contains("found a").contains("for 6 of 6 networks").contains("6 of 8 networks revealed");
        Map<String, Double> truth = new HashMap<>();
        JsonNode rows = new ObjectMapper().readTree(table.toFile());
        rows.forEach(e -> truth.put("nb201:C4:N1:" + e.get("arch").asText(), e.get("cifar10_val_accuracy").asDouble()));
        JsonNode w = new ObjectMapper().readTree(run.resolve("find").resolve(FindFiles.JSON_FILE).toFile()).get("winner");
        double bestRevealed = traj.stream().skip(1).mapToDouble(l -> truth.get(l.split(",")[2].replace("\"", "")))
                .max().orElseThrow();
        assertThat(w.get("accuracy").asDouble()).isEqualTo(bestRevealed);

        CliRun again = CliRun.of(args);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllLines(run.resolve("find").resolve(FindFiles.CSV))).isEqualTo(traj);

        CliRun changed = CliRun.of("find", run.toString(), "--budget", "7", "--seed-set", "5", "--accuracies",
                table.toString(), "--column", "cifar10_val_accuracy");
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).contains("other settings").contains("budget 6 ≠ 7").doesNotContain("\tat ");
    }

    @Test
    void refusalsAreOneLineExitTwo(@TempDir Path dir) {
        for (String[] args : List.of(new String[] {"find", dir.resolve("none").toString(), "--budget", "10"},
                new String[] {"find", dir.toString(), "--budget", "-3"},
                new String[] {"find", dir.toString(), "--budget", "10", "--accuracies", "t.json", "--epochs", "3"},
                new String[] {"find", dir.toString(), "--budget", "10", "--column", "c"},
                new String[] {"find", dir.toString(), "--budget", "10", "--accuracies", "t.json", "--rung-score", "tse"},
                new String[] {"find", dir.toString(), "--budget", "10", "--rung-score", "fast"})) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
        }
    }

    @Test
    void realTrainingIsDeterministicAndAResumedFindTrainsNothingTwice(@TempDir Path dir) throws Exception {
        Path run = ValidateCommandTest.screen(dir);
        ValidateCommandTest.storeProxies(run);
        // R = 3: rungs 1, 3; 4 networks to 1 epoch, the best on to 3: 6 epochs
        String[] args = {"find", run.toString(), "--budget", "6", "--epochs", "3", "--seed-set", "3", "--train-size",
            "60", "--test-size", "60", "--seed", "2"};
        CliRun a = CliRun.of(args);
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("4 networks to 1 epoch, 1 on to 3").contains("for 6 of 6 epochs")
                .contains("6 epochs trained in this session");
        Path find = run.resolve("find");
        List<String> traj = Files.readAllLines(find.resolve(FindFiles.CSV));
        assertThat(traj).hasSize(1 + 5);
        // rungs below the last rank by TSE (the default): every row carries the training losses summed so far
        assertThat(traj.get(0)).contains(",accuracy,tse,cost,");
        assertThat(traj.subList(1, 6)).allSatisfy(l -> assertThat(l).doesNotContain(",,"));
        assertThat(new ObjectMapper().readTree(find.resolve(FindFiles.JSON_FILE).toFile()).get("settings")
                .get("rung_score").asText()).isEqualTo("tse");
        List<Path> trainings;
        try (Stream<Path> s = Files.list(find.resolve("train"))) {
            trainings = s.sorted().toList();
        }
        assertThat(trainings).hasSize(4);
        String winner = new ObjectMapper().readTree(find.resolve(FindFiles.JSON_FILE).toFile()).get("winner").get("id")
                .asText();
        Map<Path, FileTime> before = new HashMap<>();
        for (Path t : trainings) {
            before.put(t, Files.getLastModifiedTime(t.resolve(Training.LAST)));
        }

        // as if killed before the winner's trainings: its directory is gone; the rest is kept
        Path lost = find.resolve("train").resolve(winner);
        try (Stream<Path> s = Files.walk(lost)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        CliRun b = CliRun.of(args);
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("3 epochs trained in this session"); // the winner's 3 again, nothing else
        assertThat(Files.readAllLines(find.resolve(FindFiles.CSV))).isEqualTo(traj); // bit for bit the same
        for (Path t : trainings) {
            if (!t.equals(lost)) {
                assertThat(Files.getLastModifiedTime(t.resolve(Training.LAST))).isEqualTo(before.get(t));
            }
        }
        CliRun c = CliRun.of(args);
        assertThat(c.out()).contains("0 epochs trained in this session");
    }

    @Test
    void aDivergedTrainingCountsAsFailedAndIsNotTrainedAgain(@TempDir Path dir) throws Exception {
        Path run = ValidateCommandTest.screen(dir);
        ValidateCommandTest.storeProxies(run);
        String[] args = {"find", run.toString(), "--budget", "6", "--epochs", "3", "--seed-set", "3", "--train-size",
            "60", "--test-size", "60", "--optimizer", "sgd", "--lr", "1e6"};
        CliRun a = CliRun.of(args);
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("NaN").contains("last rung's trainings diverged");
        Map<Path, FileTime> before = stamps(run.resolve("find").resolve("train"));
        assertThat(before).isNotEmpty();
        CliRun b = CliRun.of(args);
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("last rung's trainings diverged");
        // read from the stores, not trained again: no file of any training changed
        assertThat(stamps(run.resolve("find").resolve("train"))).isEqualTo(before);
    }

    private static Map<Path, FileTime> stamps(Path dir) throws Exception {
        Map<Path, FileTime> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(p, Files.getLastModifiedTime(p));
            }
        }
        return out;
    }
}
