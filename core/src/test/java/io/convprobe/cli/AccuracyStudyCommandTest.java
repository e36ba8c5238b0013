package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.convprobe.stats.RankCorrelation;
import io.convprobe.validate.StudyFiles;
import io.convprobe.validate.StudyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search --preset nb201 --archs TABLE} then {@code validate --accuracies TABLE}: a benchmark
 * table's networks screened (tiny C4 N1 cells on the embedded sample) and validated against the
 * table's own accuracies, with nothing trained.
 */
class AccuracyStudyCommandTest {
    @Test
    void aTableIsScreenedAndValidatedWithoutTraining(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        // 8 rows of ../shared/nb201/nb201_dev245.json (NAS-Bench-201's published accuracies, NASLib's format)
        JsonNode all = json.readTree(AccuracyStudyCommandTest.class.getResource("/io/convprobe/validate/nb201_table8.json"));
        ArrayNode small = json.createArrayNode();
        Map<String, Double> truth = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            JsonNode e = all.get(i);
            small.add(e);
            truth.put("nb201:C4:N1:" + e.get("arch").asText(), e.get("cifar10_val_accuracy").asDouble());
        }
        Path table = dir.resolve("table8.json");
        json.writeValue(table.toFile(), small);
        Path run = dir.resolve("cells");
        CliRun s = CliRun.of("search", "--preset", "nb201", "--width", "4", "--cells", "1", "--archs", table.toString(),
                "--train-size", "60", "--test-size", "60", "--proxies", "naswot,synflow,params", "--rank-by",
                "naswot+synflow", "--run", run.toString());
        assertThat(s.exitCode()).as(s.err()).isZero();

        CliRun v = CliRun.of("validate", run.toString(), "--accuracies", table.toString(), "--column",
                "cifar10_val_accuracy", "--by", "naswot", "--resamples", "100");
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(v.out()).contains("8 of its 8 networks are among the 8").contains("accuracies from");
        StudyReport r = StudyFiles.read(run.resolve("validate-table8").resolve(StudyFiles.JSON));
        assertThat(r.archs()).hasSize(8);
        assertThat(r.archs()).allSatisfy(a -> assertThat(a.trainedAccuracy()).isEqualTo(truth.get(a.spec())));
        double[] acc = r.archs().stream().mapToDouble(StudyReport.TrainedArch::trainedAccuracy).toArray();
        double[] naswot = r.archs().stream().mapToDouble(a -> a.scores().get("naswot")).toArray();
        assertThat(r.metrics("naswot").spearman()).isEqualTo(RankCorrelation.spearman(naswot, acc));
        assertThat(r.trainingLabel()).contains("accuracies from").contains("cifar10_val_accuracy");
        assertThat(Files.exists(run.resolve("validate-table8").resolve("train"))).isFalse();
    }

    @Test
    void trainingFlagsAndAColumnWithoutAFileAreRefused(@TempDir Path dir) {
        CliRun a = CliRun.of("validate", dir.toString(), "--accuracies", "t.json", "--epochs", "3");
        assertThat(a.exitCode()).isEqualTo(2);
        assertThat(a.err()).contains("--epochs would have no effect");
        CliRun b = CliRun.of("validate", dir.toString(), "--column", "cifar10_val_accuracy");
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err()).contains("--column");
    }
}
