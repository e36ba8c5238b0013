package io.convprobe.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.convprobe.validate.Interval;
import io.convprobe.validate.ProxyMetrics;
import io.convprobe.validate.StudyFiles;
import io.convprobe.validate.StudyPredictor;
import io.convprobe.validate.StudyReport;
import io.convprobe.validate.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validate study in the report: its section, its charts, and the warning on a ranking that does not beat size. */
class ValidationSectionTest {
    static StudyReport study(String searchRun, List<ProxyMetrics> rows) {
        List<StudyReport.TrainedArch> archs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Double> scores = new LinkedHashMap<>();
            Map<String, Double> pct = new LinkedHashMap<>();
            for (ProxyMetrics m : rows) {
                scores.put(m.proxy(), i * 0.1);
                pct.put(m.proxy(), i / 11.0);
            }
            archs.add(new StudyReport.TrainedArch(i, "ch=32 ks=3,3,3 st=1,1," + (1 + i % 2) + " di=1,1,1", "x", i + 1,
                    60 + i + (i % 3), 1000 + i, scores, pct));
        }
        String[] v = Verdict.of(rows, archs.size());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("epochs", 10);
        settings.put("optimizer", "adamw");
        settings.put("lr", 0.002);
        settings.put("schedule", "cosine");
        settings.put("augment", "crop-flip");
        settings.put("dataset", "fashion-mnist");
        settings.put("train_size", 10000);
        return new StudyReport(searchRun, "validate", "ridge", settings, 40, 12, archs, rows, null, v[0],
                Boolean.parseBoolean(v[2]), v[1]);
    }

    static ProxyMetrics m(String name, double rho) {
        return new ProxyMetrics(name, 12, rho, new Interval(rho - 0.3, Math.min(1, rho + 0.2)), rho * 0.8,
                new Interval(rho - 0.35, rho + 0.15), 2, 0.5, 5, 1.25, Double.NaN);
    }

    @Test
    void aStudyThatBeatsNothingWarnsAboveTheRankingAndDrawsItsCharts(@TempDir Path out) throws Exception {
        SearchSummary search = ReportFixtures.search(3);
        StudyReport st = study(search.runName(), List.of(m("params", 0.7), m("ridge", 0.4), m("synflow", 0.55)));
        assertThat(st.beatsSize()).isFalse();
        ReportWriter.Result r = new ReportWriter(3).write(out, List.of(search), List.of(), List.of(), List.of(st));
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        assertThat(md).contains("1 validation study")
                .contains("Caution: the validation study validate found that no screening score predicts trained "
                        + "accuracy better than counting params")
                .contains("Screen vs training: " + search.runName() + "/validate")
                .contains("No screening score beats counting parameters here")
                .contains("Spearman ρ [95 % CI]").contains("0.40 [0.10, 0.60]");
        // the caution comes before the ranking it qualifies
        assertThat(md.indexOf("Caution: the validation study")).isLessThan(md.indexOf("by fitness (ridge"));
        assertThat(r.charts()).extracting(p -> p.getFileName().toString())
                .contains(search.runName() + "-validate-rho.png", search.runName() + "-validate-synflow.png");
    }

    @Test
    void aStudyThatFindsABetterScoreSaysWhichOneToRankBy(@TempDir Path out) throws Exception {
        SearchSummary search = ReportFixtures.search(3);
        StudyReport st = study(search.runName(), List.of(m("params", 0.5), m("ridge", 0.4), m("synflow", 0.75)));
        new ReportWriter(3).write(out, List.of(search), List.of(), List.of(), List.of(st));
        String md = Files.readString(out.resolve(ReportWriter.MARKDOWN));
        assertThat(md).contains("found synflow the best predictor of trained accuracy here; this ranking uses ridge "
                + "(--rank-by synflow ranks by it)").doesNotContain("Caution: the validation study");
    }

    @Test
    void validateJsonRoundTripsNaN(@TempDir Path dir) {
        StudyReport st = study("run", List.of(m("params", 0.5), m("ridge", Double.NaN)));
        StudyFiles.write(dir, st);
        StudyReport back = StudyFiles.read(dir.resolve(StudyFiles.JSON));
        assertThat(back.metrics("ridge").spearman()).isNaN();
        assertThat(back.metrics("params")).isEqualTo(st.metrics("params"));
        assertThat(back.archs()).isEqualTo(st.archs());
        assertThat(back.verdict()).isEqualTo(st.verdict());
    }

    @Test
    void aStudyWithAPredictorDrawsItsLearningCurveAndKeepsItInValidateJson(@TempDir Path out) throws Exception {
        SearchSummary search = ReportFixtures.search(3);
        StudyReport base = study(search.runName(), List.of(m("params", 0.5), m("ridge", 0.4), m("predicted", 0.6)));
        StudyPredictor.Summary p = new StudyPredictor.Summary("ridge+arch λ0.5", 0.55, "ridge",
                List.of(new StudyPredictor.CurvePoint(5, 0.41, 0.2, 0.1, 0.7, 0.38, 2, 5),
                        new StudyPredictor.CurvePoint(9, 0.52, 0.1, 0.3, 0.66, 0.39, 1, 5)));
        StudyReport st = new StudyReport(base.searchRun(), base.study(), base.by(), base.settings(), base.screened(),
                base.planned(), base.archs(), base.proxies(), null, base.verdict(), base.beatsSize(), base.recommended(),
                List.of(), null, p);
        ReportWriter.Result r = new ReportWriter(3).write(out, List.of(search), List.of(), List.of(), List.of(st));
        assertThat(Files.readString(out.resolve(ReportWriter.MARKDOWN))).contains("The learned predictor")
                .contains("ridge+arch λ0.5");
        assertThat(r.charts()).extracting(x -> x.getFileName().toString())
                .contains(search.runName() + "-validate-learning-curve.png");
        StudyFiles.write(out, st);
        assertThat(StudyFiles.read(out.resolve(StudyFiles.JSON)).predictor()).isEqualTo(p);
    }
}
