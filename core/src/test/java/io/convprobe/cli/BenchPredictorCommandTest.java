package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convprobe bench predictor} on a tiny made-up table and study. */
class BenchPredictorCommandTest {
    private static final String[] OPS = {"none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"};

    /** 30 cells; accuracy grows with the conv edges; a published source with the prior's three scores. */
    static Path table(Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        StringBuilder b = new StringBuilder("[");
        int[] from = {0, 0, 1, 0, 1, 2};
        for (int i = 0; i < 30; i++) {
            StringBuilder cell = new StringBuilder("|");
            double acc = 50;
            for (int e = 0; e < 6; e++) {
                int op = rng.nextInt(5);
                acc += op >= 2 && op <= 3 ? 5 : 0;
                cell.append(OPS[op]).append('~').append(from[e]).append('|');
                if (e == 0 || e == 2) {
                    cell.append("+|");
                }
            }
            acc += rng.nextDouble() * 4;
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"arch\": \"%s\", \"cifar10_val_accuracy\": %.2f,"
                    + " \"pub\": {\"synflow\": %.3f, \"jacov\": %.3f, \"params\": %.3f, \"snip\": %.3f}}", cell, acc,
                    acc + rng.nextDouble() * 10, rng.nextDouble(), acc + rng.nextDouble() * 20, rng.nextDouble()));
        }
        Path t = dir.resolve("table.json");
        Files.writeString(t, b.append(']').toString());
        return t;
    }

    static Path study(Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(2);
        StringBuilder b = new StringBuilder("{\"by\": \"naswot\", \"archs\": [");
        for (int i = 0; i < 12; i++) {
            int k = 3 + 2 * rng.nextInt(3);
            double acc = 60 + k + rng.nextDouble() * 3;
            b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"id\": %d, \"spec\": \"ch=16 ks=%d,3 st=1,%d\","
                    + " \"trained_accuracy\": %.2f, \"percentiles\": {\"naswot\": %.3f, \"params\": %.3f}}", i, k,
                    1 + rng.nextInt(2), acc, rng.nextDouble(), (k - 3) / 4.0));
        }
        b.append(", {\"id\": 99, \"spec\": \"ch=16 ks=3\", \"trained_accuracy\": null, \"percentiles\": {}}]}");
        Path s = dir.resolve("validate.json");
        Files.writeString(s, b.toString());
        return s;
    }

    @Test
    void learningCurveAndLeaveOneOutIntoTheDocs(@TempDir Path dir) throws IOException {
        Path docs = dir.resolve("findings.md");
        Files.writeString(docs, "# Findings\n\nkept\n");
        String[] args = {"bench", "predictor", "--table", table(dir).toString(), "--source", "pub", "--sizes", "6,12",
            "--repeats", "2", "--study", study(dir).toString(), "--write-docs", docs.toString()};
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("30 networks, pub scores", "percentile of the rank average synflow+jacov+params",
                "| 6 |", "| 12 |", "forest+arch alone", "12 trained networks of validate.json", "prior alone (naswot");
        String written = Files.readString(docs);
        assertThat(written).startsWith("# Findings\n\nkept\n").contains("<!-- bench-predictor:start -->", "| 12 |",
                "convprobe bench predictor --table");
        CliRun again = CliRun.of(args);
        assertThat(again.out()).isEqualTo(r.out()); // deterministic for the seed
        assertThat(Files.readString(docs)).isEqualTo(written); // the section replaced, not appended
    }

    @Test
    void refusals(@TempDir Path dir) throws IOException {
        Path t = table(dir);
        assertThat(CliRun.of("bench", "predictor").exitCode()).isEqualTo(2);
        CliRun both = CliRun.of("bench", "predictor", "--table", t.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("exactly one of --scores FILE and --source NAME");
        CliRun big = CliRun.of("bench", "predictor", "--table", t.toString(), "--source", "pub", "--sizes", "28");
        assertThat(big.exitCode()).isEqualTo(2);
        assertThat(big.err()).contains("cannot reveal 28 of 30");
        CliRun noScores = CliRun.of("bench", "predictor", "--table", t.toString(), "--scores", dir.resolve("no.csv").toString());
        assertThat(noScores.exitCode()).isEqualTo(2);
        assertThat(noScores.err()).contains("no such file");
        CliRun prior = CliRun.of("bench", "predictor", "--study", study(dir).toString(), "--study-prior", "zico");
        assertThat(prior.exitCode()).isEqualTo(2);
        assertThat(prior.err()).contains("the prior 'zico' is not among the study's scores");
    }
}
