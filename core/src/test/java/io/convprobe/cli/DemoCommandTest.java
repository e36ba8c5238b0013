package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo pipeline end to end on a tiny space: screen, validate (train a stratified sample), report. */
class DemoCommandTest {
    @Test
    void tinyDemoScreensTrainsAndReports(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--kernels", "3,5", "--strides", "2", "--dilations", "1,2", "--sample", "5",
                "--trials", "2", "--epochs", "1", "--count", "6", "--run", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("screening 5 of the").contains("== 2/3 find").contains("== 3/3 report ==")
                .contains("report.html");
        assertThat(run.resolve("search/results.db")).exists();
        assertThat(run.resolve("search/find/trajectory.csv")).exists();
        try (Stream<Path> trained = Files.list(run.resolve("search/find/train"))) {
            assertThat(trained.count()).isBetween(3L, 5L); // every fully tested one of the 5: the budget covers them
        }
        // the last line: the trained winner and how far the search that found it can be trusted
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("found a").contains("% after 1 epochs").contains("networks trained for");
        String html = Files.readString(run.resolve("report/report.html"));
        // self-contained: no external URLs (base64 images may contain "http", never "http:" — no ':' in base64)
        assertThat(html).doesNotContain("http:").doesNotContain("https:");
        // a second run resumes: nothing is recomputed, the same sample is used
        CliRun again = CliRun.of("demo", "--kernels", "3,5", "--strides", "2", "--dilations", "1,2", "--trials", "2",
                "--epochs", "1", "--count", "6", "--run", run.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("resuming the demo").contains("screening the same 5 architectures");
        // the guided search replays its decisions from the stored trainings: the same winner, the same line
        assertThat(again.out().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(last);
    }
}
