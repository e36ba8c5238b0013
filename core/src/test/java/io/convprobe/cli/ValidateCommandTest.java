package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ResultStore;
import io.convprobe.validate.StudyFiles;
import io.convprobe.validate.StudyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convprobe validate} end to end on the embedded sample: a tiny study, its resume, its refusal. */
class ValidateCommandTest {
    private static final String[] SPACE = {"--kernels", "3,5", "--strides", "2", "--dilations", "1,2"};

    /** A real tiny screen (8 architectures, 2 trials, 200/200 images; no cuts, so a busy machine cannot change it). */
    static Path screen(Path dir) {
        Path run = dir.resolve("search");
        CliRun r = CliRun.of(searchArgs(run));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return run;
    }

    static String[] searchArgs(Path run, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("search", "--sample", "8", "--seed", "1", "--trials", "2",
                "--train-size", "200", "--test-size", "200", "--min-accuracy", "0", "--min-throughput", "0", "--run",
                run.toString()));
        args.addAll(List.of(SPACE));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /**
     * Stores proxy rows as part 1's probe does (ridge = the trial's accuracy, the free shape counts,
     * and a made-up "toy" score), so the study has something to measure.
     */
    static void storeProxies(Path run) {
        try (ResultStore s = ResultStore.openForSearch(run)) {
            Map<Long, Double> ridge = new HashMap<>();
            Map<Long, Double> params = new HashMap<>();
            Map<Long, Double> macs = new HashMap<>();
            Map<Long, Double> toy = new HashMap<>();
            for (ArchAggregate a : s.aggregates()) {
                ridge.put(a.id(), a.accuracy());
                params.put(a.id(), (double) a.params());
                macs.put(a.id(), (double) a.macs());
                toy.put(a.id(), (double) (a.id() * 7919 % 13));
            }
            s.putProxy("ridge", ridge);
            s.putProxy("params", params);
            s.putProxy("macs", macs);
            s.putProxy("toy", toy);
        }
    }

    static String[] validate(Path run, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("validate", run.toString(), "--count", "5", "--epochs", "1",
                "--train-size", "150", "--test-size", "200", "--resamples", "200"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void tinyStudyTrainsAStratifiedSampleMeasuresEveryProxyAndResumes(@TempDir Path dir) throws Exception {
        Path run = screen(dir);
        storeProxies(run);

        // an interrupted study: this session stops after 2 trainings
        CliRun first = CliRun.of(validate(run, "--limit", "2"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path trainDir = run.resolve("validate/train");
        List<Path> done = finished(trainDir);
        assertThat(done).hasSize(2);
        assertThat(first.out()).contains("too few to measure");
        // the second was killed after its last epoch's checkpoint, before its summary: it must resume, not restart
        Path killed = done.get(1);
        Files.delete(killed.resolve("summary.json"));
        FileTime checkpoint = Files.getLastModifiedTime(killed.resolve("last.ckpt"));
        done = List.of(done.get(0));
        FileTime[] stamps = done.stream().map(ValidateCommandTest::mtime).toArray(FileTime[]::new);

        // a changed setting on the same study is refused
        CliRun changed = CliRun.of(validate(run, "--lr", "1e-3"));
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).contains("other settings").contains("lr");

        // re-run: the finished training is kept, the killed one completes from its checkpoint, three are trained
        CliRun again = CliRun.of(validate(run));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("1 of 5 trainings were finished in an earlier session and kept")
                .contains("ETA").contains("Spearman ρ [95 % CI]").contains("combined (LOO)").contains("toy");
        assertThat(finished(trainDir)).hasSize(5);
        for (int i = 0; i < done.size(); i++) {
            assertThat(mtime(done.get(i))).as("kept " + done.get(i)).isEqualTo(stamps[i]);
        }
        assertThat(Files.getLastModifiedTime(killed.resolve("last.ckpt"))).as("resumed from its checkpoint")
                .isEqualTo(checkpoint);
        assertThat(killed.resolve("summary.json")).exists();

        StudyReport r = StudyFiles.read(run.resolve("validate").resolve(StudyFiles.JSON));
        assertThat(r.archs()).hasSize(5);
        // stratified: the top 3 of the ranking and two from the rest
        assertThat(r.archs().stream().mapToInt(StudyReport.TrainedArch::screenRank).sorted().limit(3).toArray())
                .containsExactly(1, 2, 3);
        assertThat(r.archs().stream().mapToInt(StudyReport.TrainedArch::screenRank).max().orElseThrow()).isGreaterThan(3);
        assertThat(r.proxies()).extracting(m -> m.proxy()).contains("ridge", "params", "macs", "toy", "combined");
        assertThat(r.archs()).allSatisfy(a -> assertThat(a.trainedAccuracy()).isBetween(0.0, 100.0));
        assertThat(Files.readString(run.resolve("validate").resolve(StudyFiles.CSV))).startsWith("proxy,n,spearman");
        assertThat(again.out().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(r.verdict());

        // --apply writes the combined score; the search can then rank by it
        CliRun apply = CliRun.of(validate(run, "--apply"));
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("5 of 5 trainings were finished").contains("wrote proxy 'combined'");
        try (ResultStore s = ResultStore.open(run)) {
            assertThat(s.aggregates()).filteredOn(a -> a.status() == io.convprobe.search.ArchStatus.FULL)
                    .allSatisfy(a -> assertThat(a.proxies()).containsKey("combined"));
        }

        // ... and the search's own summary ranks by it on request (resuming recomputes nothing)
        CliRun ranked = CliRun.of(searchArgs(run, "--rank-by", "combined"));
        assertThat(ranked.exitCode()).as(ranked.err()).isZero();
        assertThat(ranked.out()).contains("by fitness = norm(combined) + 0.3 * norm(throughput)");
        CliRun unknown = CliRun.of(searchArgs(dir.resolve("other"), "--rank-by", "nosuch"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--rank-by nosuch");
        assertThat(dir.resolve("other")).doesNotExist();

        // the report picks the study up
        CliRun report = CliRun.of("report", run.toString(), "--out", dir.resolve("report").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        String html = Files.readString(dir.resolve("report/report.html"));
        assertThat(html).contains("Screen vs training").contains("combined").contains(r.verdict().substring(0, 20))
                // the search stored the default proxies, so the report ranks by the default score
                .contains("Ranked by the stored score " + io.convprobe.search.RankScore.DEFAULT);
        CliRun byCombined = CliRun.of("report", run.toString(), "--rank-by", "combined", "--out",
                dir.resolve("report2").toString());
        assertThat(byCombined.exitCode()).as(byCombined.err()).isZero();
        assertThat(Files.readString(dir.resolve("report2/report.md"))).contains("Ranked by the stored score combined")
                .contains("by fitness (combined + throughput)");
    }

    @Test
    void refusesASearchWithoutStoredProxies(@TempDir Path dir) {
        Path run = dir.resolve("search");
        CliRun screened = CliRun.of(searchArgs(run, "--proxies", "none")); // the default now stores proxies
        assertThat(screened.exitCode()).as(screened.err()).isZero();
        CliRun r = CliRun.of(validate(run));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).contains("stored no proxy scores").doesNotContain("\n");
        assertThat(run.resolve("validate")).doesNotExist();
    }

    private static List<Path> finished(Path trainDir) throws Exception {
        if (!Files.isDirectory(trainDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(trainDir)) {
            return s.filter(d -> Files.exists(d.resolve("summary.json"))).sorted().toList();
        }
    }

    private static FileTime mtime(Path d) {
        try {
            return Files.getLastModifiedTime(d.resolve("summary.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
