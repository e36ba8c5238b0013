package io.convprobe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTableTest {
    @TempDir Path dir;

    private static final Map<String, String> META = Map.of("convprobe_version", "1.0", "threads", "2");

    @Test
    void entriesRoundTripInKeyOrder() throws Exception {
        try (Sqlite db = Sqlite.openForWriting(dir.resolve("t.db"), dir)) {
            ConfigTable t = table(db);
            Map<String, String> in = new LinkedHashMap<>();
            in.put("threads", "2");
            in.put(ConfigTable.CONFIG, "{\"trials\":3}");
            in.put("candidates", "10");
            db.inTransaction("put", c -> {
                t.insert(in);
                return null;
            });
            Map<String, String> out = db.read("get", c -> t.all());
            assertThat(out).isEqualTo(in);
            assertThat(out.keySet()).containsExactly("candidates", "config", "threads");
        }
    }

    @Test
    void nothingStoredIsANewRun() {
        List<String> warnings = new ArrayList<>();
        assertThat(ConfigTable.resumes(dir, Map.of("threads", "9"), json -> List.of("anything"), META, warnings::add))
                .isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void theSameConfigurationResumesAndChangedMetadataOnlyWarns() {
        List<String> warnings = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        Map<String, String> stored = Map.of(ConfigTable.CONFIG, "{stored}", "convprobe_version", "0.9", "threads", "2");
        assertThat(ConfigTable.resumes(dir, stored, json -> {
            compared.add(json);
            return List.of();
        }, META, warnings::add)).isTrue();
        assertThat(compared).containsExactly("{stored}"); // the caller compares against the stored JSON
        assertThat(warnings).singleElement().asString()
                .isEqualTo("run dir " + dir + " was started with convprobe_version 0.9, now 1.0: throughputs of old "
                        + "and new trials may not be comparable");
    }

    @Test
    void anotherConfigurationIsRefusedNamingEveryDifference() {
        Map<String, String> stored = Map.of(ConfigTable.CONFIG, "{stored}");
        assertThatThrownBy(() -> ConfigTable.resumes(dir, stored, json -> List.of("trials 3 ≠ 5", "seed 0 ≠ 1"), META,
                w -> { }))
                .isInstanceOf(UserException.class)
                .hasMessage("run dir " + dir + " was created with a different configuration: trials 3 ≠ 5, seed 0 ≠ 1 "
                        + "(stored ≠ given; use the original flags or a new --run)");
    }

    private static ConfigTable table(Sqlite db) {
        db.inTransaction("schema", c -> {
            try (Statement st = c.createStatement()) {
                ConfigTable.createSchema(st);
            }
            return null;
        });
        return new ConfigTable(db.connection());
    }
}
