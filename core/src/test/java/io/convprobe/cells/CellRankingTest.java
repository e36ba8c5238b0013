package io.convprobe.cells;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellRankingTest {
    private static Map<String, Map<String, Double>> scored() {
        Map<String, Map<String, Double>> m = new LinkedHashMap<>();
        m.put("a", Map.of("x", 1.0, "y", 30.0));
        m.put("b", Map.of("x", 3.0, "y", 10.0));
        m.put("c", Map.of("x", 2.0, "y", Double.NaN));
        m.put("d", Map.of("x", Double.NaN, "y", 20.0));
        return m;
    }

    @Test
    void oneScoreRanksByValueUndefinedLast() {
        List<CellRanking.Ranked> r = CellRanking.rank(scored(), "x");
        assertThat(r).extracting(CellRanking.Ranked::arch).containsExactly("b", "c", "a", "d");
    }

    @Test
    void aCombinationAveragesRanksSoScalesDoNotMatter() {
        // x ranks (1 = lowest): a 2, b 4, c 3, d 1; y: a 4, b 2, c 1, d 3 → a 3, b 3, c 2, d 2
        Map<String, Double> v = CellRanking.values(scored(), "x+y");
        assertThat(v).containsEntry("a", 3.0).containsEntry("b", 3.0).containsEntry("c", 2.0).containsEntry("d", 2.0);
        Map<String, Map<String, Double>> scaled = scored();
        scaled.put("a", Map.of("x", 1e9, "y", 30.0)); // a becomes the best on x: only its rank moves
        assertThat(CellRanking.values(scaled, "x+y").get("a")).isEqualTo(4.0);
    }

    @Test
    void unknownMembersAreRefused() {
        assertThatThrownBy(() -> CellRanking.values(scored(), "x+z")).isInstanceOf(UserException.class)
                .hasMessageContaining("'z'");
        assertThatThrownBy(() -> CellRanking.members("+")).isInstanceOf(UserException.class);
    }
}
