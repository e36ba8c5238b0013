package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.cells.CellRanking;
import io.convprobe.cells.CellScreen;
import io.convprobe.validate.ProxyMetrics;
import io.convprobe.validate.ProxyStats;
import io.convprobe.validate.StudyFiles;
import io.convprobe.validate.StudyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convprobe validate} on a cell screen (cells.db): tiny cells (C4 N1) on the embedded sample,
 * 4 networks for one epoch on 60 images; the study writes its files, resumes without retraining,
 * and its numbers are {@link ProxyStats}' on the same arrays.
 */
class CellValidateCommandTest {
    static Path screen(Path dir) {
        Path run = dir.resolve("cells");
        CliRun r = CliRun.of("search", "--preset", "nb201", "--width", "4", "--cells", "1", "--sample", "6",
                "--train-size", "60", "--test-size", "60", "--proxies", "ridge,naswot,synflow,params", "--rank-by",
                "naswot+synflow", "--run", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return run;
    }

    static String[] validate(Path run, String... more) {
        List<String> args = new ArrayList<>(List.of("validate", run.toString(), "--count", "4", "--epochs", "1",
                "--train-size", "60", "--test-size", "60", "--resamples", "100", "--batch-size", "32"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void cellStudyTrainsTheTopAndAStratumMeasuresEveryScoreAndResumes(@TempDir Path dir) throws Exception {
        Path run = screen(dir);
        CliRun first = CliRun.of(validate(run, "--by", "naswot+synflow"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("4 of 6 full-fidelity cell networks").contains("by naswot+synflow")
                .contains("Spearman ρ [95 % CI]").contains("trained.csv");

        Path study = run.resolve("validate");
        StudyReport r = StudyFiles.read(study.resolve(StudyFiles.JSON));
        assertThat(r.archs()).hasSize(4);
        assertThat(r.archs()).extracting(StudyReport.TrainedArch::screenRank).contains(1, 2, 3);
        assertThat(r.archs()).allSatisfy(a -> assertThat(a.spec()).startsWith("nb201:C4:N1:|"));
        // the screen's ranking by the same rank average, the top 3 in order
        List<CellRanking.Ranked> ranked = CellScreen.read(run).ranked("naswot+synflow");
        for (StudyReport.TrainedArch a : r.archs()) {
            assertThat(ranked.get(a.screenRank() - 1).arch()).isEqualTo(a.spec());
        }
        assertThat(r.proxies()).extracting(ProxyMetrics::proxy)
                .contains("ridge", "naswot", "synflow", "params", "naswot+synflow", "combined").doesNotContain("macs");

        // validate.csv: one row per score (the training-time ones after the screen's); trained.csv: one row per trained network with each score
        List<String> csv = Files.readAllLines(study.resolve(StudyFiles.CSV));
        assertThat(csv.get(0)).startsWith("proxy,n,spearman");
        assertThat(r.trainingScores()).extracting(StudyReport.TrainingScore::score).containsExactlyInAnyOrder("tse_1",
                "val_1");
        assertThat(csv).hasSize(1 + r.proxies().size() + r.trainingScores().size());
        List<String> trained = Files.readAllLines(study.resolve(StudyFiles.TRAINED_CSV));
        assertThat(trained).hasSize(5);
        assertThat(trained.get(0)).startsWith("screen_rank,id,spec,trained_spec,trained_accuracy,params,")
                .contains("naswot+synflow");
        assertThat(trained.get(1)).contains("\"nb201:C4:N1:|");

        // the analysis equals ProxyStats on the same arrays
        double[] acc = r.archs().stream().mapToDouble(StudyReport.TrainedArch::trainedAccuracy).toArray();
        double[] params = r.archs().stream().mapToDouble(a -> a.scores().get("params")).toArray();
        for (String name : List.of("naswot", "synflow", "ridge", "naswot+synflow")) {
            double[] s = r.archs().stream().mapToDouble(a -> a.scores().get(name)).toArray();
            ProxyMetrics want = ProxyStats.of(name, s, acc, params, 0, 100);
            ProxyMetrics got = r.metrics(name);
            assertThat(got.spearman()).as(name).isEqualTo(want.spearman(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(got.kendall()).as(name).isEqualTo(want.kendall(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(got.spearmanCi().lo()).as(name).isEqualTo(want.spearmanCi().lo());
            assertThat(got.topPrecision()).as(name).isEqualTo(want.topPrecision());
        }

        // resume: nothing is retrained, the same report comes out
        List<FileTime> stamps = new ArrayList<>();
        for (Path d : trainings(study)) {
            stamps.add(Files.getLastModifiedTime(d.resolve("summary.json")));
        }
        CliRun again = CliRun.of(validate(run, "--by", "naswot+synflow"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("4 of 4 trainings were finished in an earlier session and kept")
                .doesNotContain("epoch   1/1");
        List<Path> dirs = trainings(study);
        for (int i = 0; i < dirs.size(); i++) {
            assertThat(Files.getLastModifiedTime(dirs.get(i).resolve("summary.json"))).isEqualTo(stamps.get(i));
        }
        assertThat(StudyFiles.read(study.resolve(StudyFiles.JSON)).archs()).isEqualTo(r.archs());

        // --apply writes the combined score into cells.db for every screened network; the report ranks by it
        CliRun apply = CliRun.of(validate(run, "--by", "naswot+synflow", "--apply"));
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("--apply: wrote score 'combined' for 6 networks of").contains("--rank-by combined");
        io.convprobe.cells.CellScreen applied = io.convprobe.cells.CellScreen.read(run);
        assertThat(applied.scores()).hasSize(6).allSatisfy((arch, sc) -> assertThat(sc.get("combined")).isFinite());
        assertThat(applied.ranked("combined").get(0).value())
                .isEqualTo(applied.scores().values().stream().mapToDouble(sc -> sc.get("combined")).max().orElseThrow());
        CliRun byCombined = CliRun.of("report", run.toString(), "--rank-by", "combined", "--out", dir.resolve("r2").toString());
        assertThat(byCombined.exitCode()).as(byCombined.err()).isZero();
        CliRun afterApply = CliRun.of(validate(run, "--by", "naswot+synflow"));
        assertThat(afterApply.exitCode()).as(afterApply.err()).isZero();
        assertThat(StudyFiles.read(study.resolve(StudyFiles.JSON)).combined().inputs()).doesNotContain("combined");

        // one-line errors: other settings, an unknown score, a directory that is no screen
        CliRun changed = CliRun.of(validate(run, "--by", "naswot+synflow", "--lr", "1e-3"));
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).contains("other settings");
        CliRun unknown = CliRun.of(validate(run, "--by", "naswot+zico", "--name", "validate-x"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip().lines()).hasSize(1);
        assertThat(unknown.err()).contains("no score 'zico'");
        Files.createDirectories(dir.resolve("empty"));
        CliRun none = CliRun.of(validate(dir.resolve("empty")));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip().lines()).hasSize(1);

        // the report carries the screen's section and the study's
        CliRun report = CliRun.of("report", run.toString(), "--out", dir.resolve("report").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(dir.resolve("report/report.html"))).contains("Cell screen: cells")
                .contains("Screen vs training: cells/validate");
    }

    @Test
    void reportOfACellScreenNamesItsTopNetwork(@TempDir Path dir) throws Exception {
        Path run = screen(dir);
        String top = Files.readAllLines(run.resolve("results.csv")).get(1).split(",")[1].replace("\"", "");
        CliRun r = CliRun.of("report", run.toString(), "--rank-by", "naswot+synflow", "--top", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path out = run.resolve("report");
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("Cell screen: cells").contains("1 cell screen").contains("Top 3 of 6 by naswot+synflow");
        // the table's first row is results.csv's first network
        assertThat(md.substring(md.indexOf("Top 3 of 6"))).contains("| 1 | " + top.replace("|", "\\|"));
        assertThat(Files.readString(out.resolve("report.html"))).contains("Cell screen: cells");
        for (String chart : List.of("cells-ridge-histogram", "cells-naswot-histogram", "cells-synflow-histogram",
                "cells-params-histogram", "cells-rank-vs-params")) {
            assertThat(out.resolve("charts").resolve(chart + ".png")).isNotEmptyFile();
            assertThat(out.resolve("charts").resolve(chart + ".svg")).isNotEmptyFile();
        }
        CliRun unknown = CliRun.of("report", run.toString(), "--rank-by", "zico");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip().lines()).hasSize(1);
    }

    @Test
    void recipeAndDefaultRankScore(@TempDir Path dir) throws Exception {
        Path run = screen(dir);
        // the screen stored no jacob_cov, so the default rank score is naswot; nb201's recipe trains
        CliRun r = CliRun.of("validate", run.toString(), "--count", "3", "--epochs", "1", "--train-size", "40",
                "--test-size", "40", "--resamples", "50", "--recipe", "nb201", "--augment", "none", "--normalize", "none");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("by naswot").contains("recipe nb201: sgd lr 0.1 cosine");
        StudyReport s = StudyFiles.read(run.resolve("validate").resolve(StudyFiles.JSON));
        assertThat(s.by()).isEqualTo("naswot");
        assertThat(s.settings()).containsEntry("recipe", "nb201").containsEntry("batch_size", 256);
    }

    private static List<Path> trainings(Path study) throws Exception {
        try (var s = Files.list(study.resolve("train"))) {
            return s.sorted().toList();
        }
    }
}
