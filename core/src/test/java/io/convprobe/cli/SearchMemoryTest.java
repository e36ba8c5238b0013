package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --max-memory} through {@code convprobe search}: the budget said, kept, and a too-small one refused. */
class SearchMemoryTest {
    @TempDir Path dir;

    private CliRun search(String maxMemory, String run, StringBuilder err) {
        String[] args = {"search", "--kernels", "3", "--strides", "1,2", "--dilations", "1", "--channels", "4",
            "--layers", "1", "--dataset", "fashion-mnist-mini", "--train-size", "40", "--test-size", "20",
            "--min-accuracy", "0", "--min-throughput", "0", "--proxies", "none", "--threads", "1",
            "--max-memory", maxMemory, "--run", dir.resolve(run).toString()};
        CliRun r = CliRun.withSystemErr(args);
        err.append(r.err());
        return r;
    }

    @Test
    void aBudgetIsSaidBeforeTheFirstNetworkAndTheLastLineHoldsThePeakAgainstIt() {
        StringBuilder err = new StringBuilder();
        CliRun r = search("64g", "big", err);
        assertThat(r.exitCode()).as(err.toString()).isZero();
        assertThat(err.toString()).contains("search: memory budget 65,536 MB;")
                .contains("in use before the first network (the JVM, libtorch, 60 probe images of 1x28x28)")
                .containsPattern("peak resident memory [0-9,]+ MB of the 65,536 MB budget");
    }

    @Test
    void aBudgetBelowWhatTheProcessAlreadyHoldsIsRefusedBeforeAnyWork() {
        // this test JVM holds far more than 300 MB (libtorch, every test's classes): the search cannot fit
        StringBuilder err = new StringBuilder();
        CliRun r = search("300m", "small", err);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(err.toString()).containsPattern("--max-memory 300 MB: this search holds [0-9,]+ MB before its first "
                + "network \\(the JVM, libtorch and 60 probe images of 1x28x28\\); give --max-memory [0-9.]+[mg] or more");
        assertThat(dir.resolve("small").resolve("results.csv")).doesNotExist();
    }

    @Test
    void aMalformedBudgetIsOneLineNamingTheOption() {
        StringBuilder err = new StringBuilder();
        assertThat(search("lots", "bad", err).exitCode()).isEqualTo(2);
        assertThat(err.toString()).contains("--max-memory 'lots': expected a size such as 512m or 1.5g");
    }
}
