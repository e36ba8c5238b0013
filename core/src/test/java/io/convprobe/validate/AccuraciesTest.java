package io.convprobe.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.SpecFormat;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading accuracies measured elsewhere: CSV and JSON forms, the column rule, matching by meaning, refusals. */
class AccuraciesTest {
    private static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
    private static final String PUBLISHED = "ch=32 ks=7,3,5 st=2,1,2 di=1,3,1"; // commas: quoted in the CSV

    private static ArchAggregate arch(long id, String spec) {
        return new ArchAggregate(id, -1, spec, List.of(), List.of(), List.of(), ArchStatus.FULL, 1, Double.NaN, Double.NaN,
                Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, -1, -1, -1, Double.NaN, Double.NaN, Map.of());
    }

    @Test
    void csvWithQuotedPublishedSpecsMatchesTheCompactFormAndAveragesRepeats(@TempDir Path dir) throws Exception {
        String compact = SpecFormat.toCompact(SpecFormat.parse(PUBLISHED));
        Path f = dir.resolve("mine.csv");
        Files.writeString(f, "spec,accuracy,seed\n\"" + PUBLISHED + "\",70.0,0\n\"" + PUBLISHED + "\",74.0,1\n"
                + "nb201:C8:N1:" + CELL + ",91.5,0\n");
        Accuracies a = Accuracies.read(f, null);
        assertThat(a.column()).isEqualTo("accuracy");
        assertThat(a.rows()).isEqualTo(3);
        assertThat(a.repeated()).isEqualTo(1);
        assertThat(a.byKey()).containsEntry(Accuracies.key(compact), 72.0);
        // a cell is matched by its cell alone: the screen's C4 N1 network is the table's C16 N5 one
        Accuracies.Matched m = a.match(List.of(arch(1, compact), arch(2, "nb201:C4:N1:" + CELL), arch(3, "c8k3-relu")));
        assertThat(m.archs()).extracting(ArchAggregate::id).containsExactly(1L, 2L);
        assertThat(m.accuracy()).containsExactly(72.0, 91.5);
        assertThat(m.unmatched()).isZero();
    }

    @Test
    void aTableNeedsItsColumnNamedAndFractionsAreScaled(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("table.json");
        Files.writeString(t, "[{\"arch\": \"" + CELL + "\", \"cifar10_val_accuracy\": 0.9, \"cifar100_val_accuracy\": 0.7,"
                + " \"naslib\": {\"params\": 1.0}}]");
        assertThatThrownBy(() -> Accuracies.read(t, null)).isInstanceOf(UserException.class)
                .hasMessageContaining("several accuracy columns").hasMessageContaining("--column");
        Accuracies a = Accuracies.read(t, "cifar100_val_accuracy");
        assertThat(a.scaled()).isTrue();
        assertThat(a.byKey().values()).containsExactly(70.0);
        assertThatThrownBy(() -> Accuracies.read(t, "imagenet")).hasMessageContaining("--column imagenet");
    }

    @Test
    void refusesWhatIsNotAnAccuracyOrASpecNamingTheRow(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "arch,accuracy\n" + CELL + ",88\n" + CELL + ",n/a\n");
        assertThatThrownBy(() -> Accuracies.read(f, null)).isInstanceOf(UserException.class)
                .hasMessageContaining("row 2").hasMessageContaining("not a number");
        Files.writeString(f, "arch,accuracy\nnot-a-spec,88\n");
        assertThatThrownBy(() -> Accuracies.read(f, null)).isInstanceOf(UserException.class).hasMessageContaining("row 1");
        Files.writeString(f, "name,accuracy\nx,1\n");
        assertThatThrownBy(() -> Accuracies.read(f, null)).hasMessageContaining("no 'spec' or 'arch' column");
        Files.writeString(f, "spec,accuracy\n" + CELL + ",140\n");
        assertThatThrownBy(() -> Accuracies.read(f, null)).hasMessageContaining("not an accuracy");
        assertThatThrownBy(() -> Accuracies.read(dir.resolve("none.csv"), null)).hasMessageContaining("no such file");
    }

    @Test
    void aJsonObjectMapsSpecsToAccuracies(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("map.json");
        Files.writeString(f, "{\"c8k3-relu\": 61.0, \"" + CELL + "\": 90.0}");
        assertThat(Accuracies.read(f, null).byKey()).hasSize(2).containsValues(61.0, 90.0);
    }
}
