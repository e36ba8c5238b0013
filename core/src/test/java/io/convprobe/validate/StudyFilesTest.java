package io.convprobe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StudyFilesTest {
    /** A study written before training-time scores and seeds (the committed Fashion-MNIST one) still reads. */
    @Test
    void aStudyWrittenBeforeSeedsAndTrainingScoresReadsWithNeither() {
        Path old = Path.of("..", "docs", "findings", "validate-c32.json");
        assertThat(old).exists();
        StudyReport r = StudyFiles.read(old);
        assertThat(r.archs()).hasSize(63);
        assertThat(r.trainingScores()).isEmpty();
        assertThat(r.noise()).isNull();
        assertThat(r.archs()).allSatisfy(a -> {
            assertThat(a.seedAccuracies()).isEmpty();
            assertThat(a.trainingScores()).isEmpty();
        });
        assertThat(StudyFiles.csv(r).lines().skip(1)).allSatisfy(l -> assertThat(l).endsWith(",screen,,"));
        assertThat(StudyFiles.trainedCsv(r)).doesNotContain("accuracy_seed");
    }

    @Test
    void noiseAndTrainingScoresSurviveTheRoundTrip(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        StudyReport r = StudyFiles.read(Path.of("..", "docs", "findings", "validate-c32.json"));
        SeedNoise noise = new SeedNoise(2, 40, 2, 0.515, new Interval(0.3, 0.7), 2.8, 15, SeedNoise.ceiling(0.515, 2),
                new Interval(0.68, 0.91), java.util.Map.of("naswot", Double.NaN));
        StudyReport.TrainingScore val = new StudyReport.TrainingScore("val_1", 1, 0.1, r.proxies().get(0));
        StudyReport with = new StudyReport(r.searchRun(), r.study(), r.by(), r.settings(), r.screened(), r.planned(),
                r.archs(), r.proxies(), r.combined(), r.verdict(), r.beatsSize(), r.recommended(), java.util.List.of(val),
                noise);
        StudyFiles.write(dir, with);
        StudyReport back = StudyFiles.read(dir.resolve(StudyFiles.JSON));
        assertThat(back.noise().ceiling()).isEqualTo(noise.ceiling());
        assertThat(back.noise().ofCeiling().get("naswot")).isNaN();
        assertThat(back.trainingScores()).hasSize(1);
        assertThat(back.trainingScores().get(0).cost()).isEqualTo(0.1);
        assertThat(Files.readString(dir.resolve(StudyFiles.JSON))).contains("\"seed_spearman\" : 0.515");
    }
}
