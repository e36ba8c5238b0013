package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import io.convprobe.validate.StudyFiles;
import io.convprobe.validate.StudyReport;
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
        assertThat(r.out()).contains("screening 5 of the").contains("== 2/3 validate").contains("== 3/3 report ==")
                .contains("report.html");
        assertThat(run.resolve("search/results.db")).exists();
        // every fully tested architecture of the 5 is trained (fewer than --count 6), each once
        StudyReport study = StudyFiles.read(run.resolve("search/validate/validate.json"));
        assertThat(study.archs().size()).isEqualTo(study.screened()).isBetween(3, 5);
        try (Stream<Path> trained = Files.list(run.resolve("search/validate/train"))) {
            assertThat(trained.filter(d -> Files.exists(d.resolve("summary.json"))).count())
                    .isEqualTo(study.archs().size());
        }
        // the last line quotes every score's ρ with its interval, not a single ρ
        String last = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("proxies vs training (Spearman ρ [95 % CI], n = " + study.archs().size() + ")")
                .contains("ridge ").contains("params ").contains("[");
        String html = Files.readString(run.resolve("report/report.html"));
        // self-contained: no external URLs (base64 images may contain "http", never "http:" — no ':' in base64)
        assertThat(html).doesNotContain("http:").doesNotContain("https:").contains("Spearman")
                .contains("Screen vs training: search/validate");
        // a second run resumes: nothing is recomputed, the same sample is used
        CliRun again = CliRun.of("demo", "--kernels", "3,5", "--strides", "2", "--dilations", "1,2", "--trials", "2",
                "--epochs", "1", "--count", "6", "--run", run.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("resuming the demo").contains("screening the same 5 architectures")
                .contains("trainings were finished in an earlier session and kept");
    }
}
