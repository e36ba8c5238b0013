package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchDryRunTest {
    @Test
    void dryRunEstimatesAndProbesNothing(@TempDir Path dir) {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("search", "--kernels", "3,5", "--strides", "2", "--dilations", "1", "--dry-run", "--run",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("candidates        8").contains("to probe").contains("estimate, trial 0")
                .contains("pilot sweep");
        assertThat(run).doesNotExist();
    }

    @Test
    void memorySizes() {
        assertThat(SearchCommand.bytes("512m")).isEqualTo(512L << 20);
        assertThat(SearchCommand.bytes("2g")).isEqualTo(2L << 30);
        assertThat(SearchCommand.bytes("1000")).isEqualTo(1000);
        assertThatThrownBy(() -> SearchCommand.bytes("lots")).isInstanceOf(UserException.class)
                .hasMessageContaining("--max-memory");
    }
}
