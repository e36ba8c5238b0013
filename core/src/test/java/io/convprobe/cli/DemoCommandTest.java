package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo pipeline end to end on a tiny space: screen, train 3 best + worst, report. */
class DemoCommandTest {
    @Test
    void tinyDemoScreensTrainsAndReports(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--kernels", "3,5", "--strides", "2", "--dilations", "1,2", "--sample", "5",
                "--trials", "2", "--epochs", "1", "--run", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("screening 5 of the").contains("== 3/3 report ==").contains("report.html");
        assertThat(run.resolve("search/results.db")).exists();
        for (String t : new String[] {"train-top-1", "train-top-2", "train-top-3", "train-bottom"}) {
            assertThat(run.resolve(t).resolve("summary.json")).exists();
        }
        String html = Files.readString(run.resolve("report/report.html"));
        // self-contained: no external URLs (base64 images may contain "http", never "http:" — no ':' in base64)
        assertThat(html).doesNotContain("http:").doesNotContain("https:").contains("Spearman");
        // a second run resumes: nothing is recomputed, the same sample is used
        CliRun again = CliRun.of("demo", "--kernels", "3,5", "--strides", "2", "--dilations", "1,2", "--trials", "2",
                "--epochs", "1", "--run", run.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("resuming the demo").contains("screening the same 5 architectures");
    }
}
