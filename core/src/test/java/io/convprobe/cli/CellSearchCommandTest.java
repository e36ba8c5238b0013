package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search --preset nb201} end to end on tiny cells (C 4, N 1) and the embedded sample: every
 * strategy stores its networks, writes a ranked results.csv, resumes without re-scoring, and a
 * wrong flag is a one-line error with exit code 2.
 */
class CellSearchCommandTest {
    private static final String[] TINY = {"search", "--preset", "nb201", "--width", "4", "--cells", "1",
        "--train-size", "60", "--test-size", "60", "--proxies", "ridge,naswot,synflow,params"};

    private static String[] with(String... more) {
        String[] all = new String[TINY.length + more.length];
        System.arraycopy(TINY, 0, all, 0, TINY.length);
        System.arraycopy(more, 0, all, TINY.length, more.length);
        return all;
    }

    @Test
    void sampleScoresRanksAndResumes(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of(with("--sample", "4", "--rank-by", "naswot+synflow", "--run", run.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("scored 4 networks").contains("ranked by naswot+synflow");
        List<String> csv = Files.readAllLines(run.resolve("results.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).isEqualTo("rank,arch,rank_score,proxy_ridge,proxy_naswot,proxy_synflow,proxy_params");
        assertThat(csv.get(1)).startsWith("1,\"nb201:C4:N1:|");
        CliRun again = CliRun.of(with("--sample", "4", "--rank-by", "naswot+synflow", "--run", run.toString()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("scored 0 networks").contains("4 more from the store");
        assertThat(Files.readAllLines(run.resolve("results.csv"))).isEqualTo(csv);
        CliRun other = CliRun.of(with("--sample", "5", "--rank-by", "naswot+synflow", "--run", run.toString()));
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("different configuration");
    }

    @Test
    void evolutionAndHalvingRun(@TempDir Path dir) throws IOException {
        CliRun evo = CliRun.of(with("--strategy", "evolution", "--budget", "6", "--population", "3", "--tournament", "2",
                "--rank-by", "synflow", "--run", dir.resolve("evo").toString()));
        assertThat(evo.exitCode()).as(evo.err()).isZero();
        assertThat(evo.out()).contains("ranked by synflow");
        CliRun halving = CliRun.of(with("--strategy", "halving", "--budget", "6", "--eta", "2", "--min-images", "15", "--rank-by", "ridge",
                "--run", dir.resolve("halving").toString()));
        assertThat(halving.exitCode()).as(halving.err()).isZero();
        // 6 networks at 15 images, the best 3 at 30, the best 1 at 60 (the full protocol): one ranked
        assertThat(halving.out()).contains("1 ranked by ridge");
        assertThat(Files.readAllLines(dir.resolve("halving").resolve("results.csv"))).hasSize(2);
    }

    @Test
    void dryRunPricesAndStoresNothing(@TempDir Path dir) {
        CliRun r = CliRun.of(with("--unique", "--dry-run", "--rank-by", "naswot", "--run", dir.resolve("dry").toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("exhaustive: 6,466 networks to score").contains("estimated:");
        assertThat(Files.exists(dir.resolve("dry").resolve("cells.db"))).isFalse();
    }

    @Test
    void chainFlagsAndUnknownScoresAreOneLineErrors() {
        CliRun r = CliRun.of(with("--kernels", "3", "--sample", "2"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().trim().lines()).hasSize(1);
        assertThat(r.err()).contains("cell space");
        CliRun bad = CliRun.of(with("--sample", "2", "--rank-by", "nonsense"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("nonsense");
    }

    @Test
    void spaceCountsAndListsTheCells() {
        assertThat(CliRun.of("space", "--preset", "nb201").out()).contains("15,625 cells");
        assertThat(CliRun.of("space", "--preset", "nb201", "--unique").out()).contains("6,466 cells");
        List<String> listed = CliRun.of("space", "--preset", "nb201", "--width", "8", "--list", "--sample", "3").out()
                .lines().toList();
        assertThat(listed).hasSize(3).allMatch(l -> l.startsWith("nb201:C8:|"));
    }

    @Test
    void probeScoresOneCellNetworkPerTrial() {
        CliRun r = CliRun.of("probe", "nb201:C4:N1:|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|none~2|",
                "--trials", "2", "--train-size", "40", "--test-size", "40", "--proxies", "ridge,synflow,params");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("fashion-mnist-mini").contains("ridge").contains("synflow").contains("seconds");
        assertThat(r.out().lines().filter(l -> l.trim().startsWith("0 ") || l.trim().startsWith("1 ")).count()).isEqualTo(2);
    }
}
