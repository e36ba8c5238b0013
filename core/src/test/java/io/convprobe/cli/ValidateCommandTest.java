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
    void seedsTrainTheSecondSeedBesideTheFirstResumeAndMeasureTheNoise(@TempDir Path dir) throws Exception {
        Path run = screen(dir);
        storeProxies(run);
        CliRun first = CliRun.of(validate(run));
        assertThat(first.exitCode()).as(first.err()).isZero();
        // every training's epochs give its training-time scores: 1 epoch, so tse_1 and val_1 at 100 % of the cost
        assertThat(first.out()).contains("tse_1 (training, 100 % of training)").contains("val_1 (training")
                .doesNotContain("seed noise");
        Path study = run.resolve("validate");
        String plan = Files.readString(study.resolve("study.json"));
        StudyReport one = StudyFiles.read(study.resolve(StudyFiles.JSON));
        assertThat(one.noise()).isNull();
        assertThat(one.trainingScores()).extracting(StudyReport.TrainingScore::score)
                .containsExactlyInAnyOrder("tse_1", "val_1");
        assertThat(one.trainingScores()).allSatisfy(t -> assertThat(t.cost()).isEqualTo(1.0));
        assertThat(one.combined().inputs()).doesNotContain("tse_1", "val_1");
        assertThat(one.archs()).allSatisfy(a -> assertThat(a.trainingScores().get("val_1"))
                .isEqualTo(a.trainedAccuracy(), org.assertj.core.api.Assertions.within(1e-9)));

        // the same study gains a second seed for 4 of its 5 picks; this session stops after 2 of them
        CliRun some = CliRun.of(validate(run, "--seeds", "2", "--seeds-count", "4", "--limit", "2"));
        assertThat(some.exitCode()).as(some.err()).isZero();
        assertThat(some.out()).contains("5 of 5 trainings were finished in an earlier session and kept")
                .contains("seed 2 of 2").doesNotContain("seed noise"); // 2 networks with two seeds: too few
        List<Path> second = finished(study.resolve("train-seed2"));
        assertThat(second).hasSize(2);
        assertThat(Files.readString(study.resolve("study.json"))).isEqualTo(plan);
        for (Path d : second) {
            assertThat(io.convprobe.train.Checkpoint.read(d.resolve("last.ckpt")).info().config().seed()).isEqualTo(1);
            assertThat(study.resolve("train").resolve(d.getFileName())).isDirectory(); // the same pick, its own dir
        }
        // a seed-2 training killed before its summary resumes from its checkpoint
        Path killed = second.get(1);
        Files.delete(killed.resolve("summary.json"));
        FileTime checkpoint = Files.getLastModifiedTime(killed.resolve("last.ckpt"));
        FileTime kept = mtime(second.get(0));

        CliRun rest = CliRun.of(validate(run, "--seeds", "2", "--seeds-count", "4"));
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("1 of 4 seed-2 trainings were finished in an earlier session and kept")
                .contains("seed noise: seed-to-seed ρ").contains("of ceiling").contains("truth = mean over seeds");
        assertThat(finished(study.resolve("train-seed2"))).hasSize(4);
        assertThat(mtime(second.get(0))).isEqualTo(kept);
        assertThat(Files.getLastModifiedTime(killed.resolve("last.ckpt"))).isEqualTo(checkpoint);

        StudyReport two = StudyFiles.read(study.resolve(StudyFiles.JSON));
        assertThat(two.noise()).isNotNull();
        assertThat(two.noise().networks()).isEqualTo(4);
        assertThat(two.noise().seeds()).isEqualTo(2);
        assertThat(two.noise().effectiveSeeds()).isEqualTo(5 / (4 / 2.0 + 1));
        assertThat(two.noise().ceiling()).isEqualTo(
                io.convprobe.validate.SeedNoise.ceiling(two.noise().seedSpearman(), two.noise().effectiveSeeds()));
        assertThat(two.noise().ofCeiling()).containsKeys("toy", "params", "val_1");
        // the truth is each network's mean over its seeds
        for (StudyReport.TrainedArch a : two.archs()) {
            assertThat(a.seedAccuracies()).hasSize(2);
            double mean = a.seedAccuracies().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite)
                    .average().orElseThrow();
            assertThat(a.trainedAccuracy()).isEqualTo(mean, org.assertj.core.api.Assertions.within(1e-9));
        }
        assertThat(two.archs()).filteredOn(a -> a.seedAccuracies().get(1).isNaN()).hasSize(1);
        assertThat(Files.readString(study.resolve(StudyFiles.CSV)).lines().findFirst().orElseThrow())
                .endsWith(",kind,training_cost,of_ceiling");
        assertThat(Files.readString(study.resolve(StudyFiles.TRAINED_CSV))).contains(",accuracy_seed1,accuracy_seed2");
        assertThat(two.verdict()).contains("noise ceiling");

        // without --seeds the finished second seeds still count (the flag says what to train, not what to read)
        CliRun again = CliRun.of(validate(run));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("seed noise: seed-to-seed ρ");

        CliRun report = CliRun.of("report", run.toString(), "--out", dir.resolve("report").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(dir.resolve("report/report.md"))).contains("seed noise: seed-to-seed ρ")
                .contains("val_1 (training");
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
