package io.convprobe.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.TrialResult;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.RankScore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study's plan: chosen once and stored, read back on resume, other settings refused, --from narrows the pool. */
class StudyPlanTest {
    private static List<ArchAggregate> ranking(int n) {
        List<ArchAggregate> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = "c" + (i + 1) + "k3-relu";
            out.add(ArchAggregate.of(100 + i, i, SpecFormat.parse(text), text, ArchStatus.FULL,
                    List.of(new TrialResult(0, 50 - i, 60, 1000, 0.1, 64)), 0.5, 10, 10, 64));
        }
        return out;
    }

    private static Study.Request request(Path run, int count, Integer epochs, String from) {
        return new Study.Request(run, count, new RankScore("ridge"), 7, epochs, null, "adamw", 2e-3, "cosine", 64, "none",
                null, null, null, null, null, 100, from, null, null);
    }

    @Test
    void plansOnceAndReadsThePlanBack(@TempDir Path run) throws Exception {
        Study.Request r = request(run, 8, null, null);
        Map<String, Object> settings = StudyPlan.settings(r, "ridge", "fashion-mnist-mini");
        assertThat(settings).containsEntry("by", "ridge").containsEntry("epochs", 10).containsEntry("count", 8);
        Path dir = run.resolve("validate");
        List<Long> ids = StudyPlan.ids(r, dir, settings, ranking(30));
        assertThat(ids).hasSize(8).doesNotHaveDuplicates().startsWith(100L, 101L, 102L); // the top 3 always in
        assertThat(dir.resolve(StudyPlan.FILE)).exists();
        // a later session gets the stored ids, even from another ranking
        assertThat(StudyPlan.ids(r, dir, settings, ranking(40))).isEqualTo(ids);
        Study.Request other = request(run, 8, 3, null);
        assertThatThrownBy(() -> StudyPlan.ids(other, dir, StudyPlan.settings(other, "ridge", "fashion-mnist-mini"),
                ranking(30))).isInstanceOf(UserException.class).hasMessageContaining("epochs 10 ≠ 3");
    }

    @Test
    void fromDrawsFromAnotherStudysArchitectures(@TempDir Path run) throws Exception {
        Study.Request first = request(run, 6, null, null);
        List<Long> theirs = StudyPlan.ids(first, run.resolve("validate"),
                StudyPlan.settings(first, "ridge", "fashion-mnist-mini"), ranking(30));
        Study.Request wide = request(run, 4, null, "validate");
        List<Long> mine = StudyPlan.ids(wide, run.resolve("validate-c64"),
                StudyPlan.settings(wide, "ridge", "fashion-mnist-mini"), ranking(30));
        assertThat(theirs).containsAll(mine);
        Study.Request missing = request(run, 4, null, "validate-nothing");
        assertThatThrownBy(() -> StudyPlan.ids(missing, run.resolve("validate-x"),
                StudyPlan.settings(missing, "ridge", "x"), ranking(30))).isInstanceOf(UserException.class)
                .hasMessageContaining("--from validate-nothing");
        assertThat(Files.exists(run.resolve("validate-x"))).isFalse();
    }
}
