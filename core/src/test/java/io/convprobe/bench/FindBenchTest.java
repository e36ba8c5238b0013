package io.convprobe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.UserException;
import io.convprobe.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench find}'s pool mode on a fake validate study of recorded curves (two seeds, 10 epochs). */
class FindBenchTest {
    private static final String[] OPS = {"none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"};
    private static final int N = 30;
    private static final int R = 10;

    /** Network i's quality q(i) = i: the prior sees it through noise; curves rise to 50 + q plus seed noise. */
    static Path fakeStudy(Path dir, boolean finishSeed2) throws Exception {
        Path study = dir.resolve("validate");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("by", "toy");
        ArrayNode archs = root.putArray("archs");
        Random rnd = new Random(11);
        for (int i = 0; i < N; i++) {
            ObjectNode a = archs.addObject();
            a.put("id", 100 + i);
            StringBuilder cell = new StringBuilder();
            int v = i * 37 + 5;
            String[] e = new String[6];
            for (int k = 0; k < 6; k++, v /= 5) {
                e[k] = OPS[v % 5];
            }
            cell.append(String.format("|%s~0|+|%s~0|%s~1|+|%s~0|%s~1|%s~2|", (Object[]) e));
            a.put("spec", "nb201:C4:N1:" + cell);
            ObjectNode p = a.putObject("percentiles");
            p.put("toy", Math.min(1, Math.max(0, i / (double) (N - 1) + 0.15 * rnd.nextGaussian())));
            p.put("other", rnd.nextDouble());
            a.put("trained_accuracy", 50.0 + i);
            write(study.resolve("train").resolve(String.format(Locale.ROOT, "%03d-a%d", i + 1, 100 + i)), i, 0.0, true);
            write(study.resolve("train-seed2").resolve(String.format(Locale.ROOT, "%03d-a%d", i + 1, 100 + i)), i,
                    rnd.nextGaussian(), finishSeed2 || i < N - 1);
        }
        Files.createDirectories(study);
        json.writeValue(study.resolve("validate.json").toFile(), root);
        return study;
    }

    private static void write(Path run, int q, double noise, boolean finished) throws Exception {
        Files.createDirectories(run);
        StringBuilder b = new StringBuilder("epoch,train_loss,train_accuracy,val_loss,val_accuracy,lr,images_per_s,elapsed_s\n");
        for (int e = 1; e <= R; e++) {
            double acc = (50 + q * (1 - Math.exp(-e / 3.0)) + noise) / 100;
            double loss = 2 - 0.03 * q - 0.1 * e + noise / 100; // better networks train faster
            b.append(String.format(Locale.ROOT, "%d,%.6f,0.5,1.0,%.6f,0.001,100.0,%d.0%n", e, loss, acc, e));
        }
        Files.writeString(run.resolve("metrics.csv"), b);
        if (finished) {
            Files.writeString(run.resolve("summary.json"), "{\"status\":\"finished\"}");
        }
    }

    @Test
    void poolModeComparesEveryMethodAtEqualBudgetDeterministically(@TempDir Path dir) throws Exception {
        FindPool pool = FindPool.read(fakeStudy(dir, true));
        assertThat(pool.rows()).hasSize(N);
        assertThat(pool.epochs()).isEqualTo(R);
        assertThat(pool.truth()[N - 1]).isCloseTo(50 + (N - 1) * (1 - Math.exp(-R / 3.0)) + 0, org.assertj.core.data
                .Offset.offset(1.5));
        double budget = 0.25 * N * R;
        FindBench.Outcome a = FindBench.pool(pool, budget, 3);
        assertThat(a.picks()).hasSize(3 * 6); // guided and halving each by TSE and by accuracy, random, the prior's top
        assertThat(a.picks()).allSatisfy(p -> assertThat(p.cost()).isLessThanOrEqualTo((long) budget));
        assertThat(FindBench.pool(pool, budget, 3)).isEqualTo(a);
        // a prior that sees the quality and curves that keep their order: the guided search finds one of the top 3
        assertThat(a.picks().stream().filter(p -> p.method().startsWith("guided"))).hasSize(6).allSatisfy(p ->
                assertThat(p.rank()).isLessThanOrEqualTo(3));
        String text = FindBenchText.of(a, 5);
        assertThat(text).contains("| guided, rungs by tse |").contains("| guided, rungs by accuracy |")
                .contains("halving, no screen, rungs by tse").contains("in top 5");
    }

    @Test
    void tableModeJudgesEveryMethodByTheTruthAndCanLeaveThePriorsTopOut() {
        // a prior that is exactly the truth's order, except that the best network is ranked 6th
        List<io.convprobe.predict.Features> rows = new java.util.ArrayList<>();
        double[] acc = new double[40];
        for (int i = 0; i < 40; i++) {
            acc[i] = 60 + i;
            double prior = i == 39 ? 33.5 / 39 : i / 39.0;
            rows.add(new io.convprobe.predict.Features(i, prior, new double[] {prior}, new double[] {i % 2}));
        }
        PredictorBench.Population p = new PredictorBench.Population("toy", rows, acc, List.of("toy"), "toy", 1);
        FindBench.Outcome o = FindBench.table(p, 5, 2, 0);
        FindBench.Pick top = o.picks().stream().filter(x -> x.method().equals("prior top-5")).findFirst().orElseThrow();
        assertThat(top.rank()).isEqualTo(2); // the prior's top 5 misses the best (its 6th)
        assertThat(top.regret()).isEqualTo(1.0);
        assertThat(o.picks()).allSatisfy(x -> assertThat(x.cost()).isLessThanOrEqualTo(5));
        assertThat(FindBench.table(p, 5, 2, 0)).isEqualTo(o);
        FindBench.Outcome dropped = FindBench.table(p, 5, 1, 3);
        assertThat(dropped.size()).isEqualTo(37);
        assertThat(dropped.notes().get("the table's best")).isEqualTo("#3 by the prior");
    }

    @Test
    void aPoolWhoseSecondSeedIsUnfinishedIsRefused(@TempDir Path dir) throws Exception {
        Path study = fakeStudy(dir, false);
        assertThatThrownBy(() -> FindPool.read(study)).isInstanceOf(UserException.class)
                .hasMessageContaining("has not finished");
    }

    @Test
    void theCommandWritesItsDocsSection(@TempDir Path dir) throws Exception {
        Path study = fakeStudy(dir, true);
        Path docs = dir.resolve("findings.md");
        Files.writeString(docs, "# findings\n");
        CliRun r = CliRun.of("bench", "find", "--pool", study.toString(), "--budget", "20%,60", "--seeds", "2",
                "--write-docs", docs.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("seed-to-seed ρ").contains("budget 60 epochs").contains("wrote");
        List<String> lines = Files.readAllLines(docs);
        assertThat(lines).contains("<!-- bench-find:start -->", "<!-- bench-find:end -->");
        CliRun none = CliRun.of("bench", "find");
        assertThat(none.exitCode()).isEqualTo(2);
    }
}
