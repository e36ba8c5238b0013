package io.convprobe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTableTest {
    private static final String CELL = "|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|none~2|";

    @Test
    void readsAccuraciesAndPublishedScores(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "[{\"arch\": \"" + CELL + "\", \"cifar10_val_accuracy\": 90.5, \"other_accuracy\": 60,"
                + " \"naslib\": {\"synflow\": 3.5, \"note\": \"x\"}, \"id\": 7},"
                + " {\"arch\": \"nb201:" + CELL + "\", \"cifar10_val_accuracy\": 80}]");
        BenchTable t = BenchTable.read(f);
        assertThat(t.entries()).hasSize(2);
        assertThat(t.accuracies()).containsExactly("cifar10_val_accuracy", "other_accuracy");
        assertThat(t.sources()).containsExactly("naslib");
        assertThat(t.accuracy("other_accuracy")).containsExactly(60, Double.NaN);
        assertThat(t.published("naslib", "synflow")).containsExactly(3.5, Double.NaN);
        assertThat(t.publishedNames("naslib")).containsExactly("synflow");
        assertThat(t.entries().get(0).spec()).isEqualTo(t.entries().get(1).spec());
    }

    @Test
    void malformedTablesNameTheEntryAndField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"arch\": 1}");
        assertThatThrownBy(() -> BenchTable.read(f)).isInstanceOf(UserException.class).hasMessageContaining("JSON array");
        Files.writeString(f, "[{\"arch\": \"" + CELL + "\"}]");
        assertThatThrownBy(() -> BenchTable.read(f)).hasMessageContaining("entry 0").hasMessageContaining("_accuracy");
        Files.writeString(f, "[{\"arch\": \"" + CELL + "\", \"a_accuracy\": 1}, {\"arch\": \"|bogus~0|\", \"a_accuracy\": 1}]");
        assertThatThrownBy(() -> BenchTable.read(f)).hasMessageContaining("entry 1: arch");
        Files.writeString(f, "[{\"arch\": \"" + CELL + "\", \"a_accuracy\": \"high\"}]");
        assertThatThrownBy(() -> BenchTable.read(f)).hasMessageContaining("a_accuracy is not a number");
        assertThatThrownBy(() -> BenchTable.read(dir.resolve("missing.json"))).hasMessageContaining("cannot read");
    }
}
