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
                .containsPattern("layer shapes +\\d+ distinct")
                .containsPattern("estimate, trial 0 .*= features \\d+ \\+ ridge \\d+ \\+ re-measuring the cut \\d+ \\+ "
                        + "proxies \\d+ \\(ridge,naswot,synflow,params,macs\\) \\+ timing table \\d+;"); // no --fill-timings: the search measures it again
        assertThat(run).doesNotExist();
    }

    /** --fill-timings keeps the table in the run's store; the search on that run then measures no layer shape. */
    @Test
    void filledTimingTableIsReusedByTheSearch(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        String[] space = {"--kernels", "3", "--strides", "2", "--dilations", "1", "--channels", "4", "--layers", "1",
            "--dataset", "fashion-mnist-mini", "--train-size", "40", "--test-size", "20"};
        CliRun a = CliRun.of(concat(new String[] {"search", "--dry-run", "--fill-timings", "--run", run.toString()}, space));
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).containsPattern("timing table +0 rows stored, [1-9]\\d* measured now");
        long rows;
        try (io.convprobe.search.ResultStore s = io.convprobe.search.ResultStore.openForSearch(run)) {
            rows = s.layerTimings().load(32, Runtime.getRuntime().availableProcessors()).size();
        }
        assertThat(rows).isPositive();
        CliRun b = CliRun.of(concat(new String[] {"search", "--dry-run", "--fill-timings", "--run", run.toString()}, space));
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).contains("timing table      " + rows + " rows stored, 0 measured now")
                .contains("+ timing table 0, its rows stored"); // the search will reuse them: not in the estimate
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
