package io.convprobe.report;

import static io.convprobe.report.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.convprobe.search.Fitness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report rows' fitness: the search's formula over the rows given. */
class ProbeRowTest {
    @Test
    void normalizedAccuracyPlusWeightedNormalizedThroughput() {
        // accuracy 20, 30, 40 -> 0, 0.5, 1; throughput 100, 300, 200 -> 0, 1, 0.5.
        double[] f = fitness(ProbeRow.scored(List.of(row("a", 20, 100), row("b", 30, 300), row("c", 40, 200)), 0.3));
        assertThat(f[0]).isCloseTo(0.0, within(1e-12));
        assertThat(f[1]).isCloseTo(0.8, within(1e-12));
        assertThat(f[2]).isCloseTo(1.15, within(1e-12));
    }

    @Test
    void constantAxisContributesNothing() {
        double[] f = fitness(ProbeRow.scored(List.of(row("a", 30, 100), row("b", 30, 300)), 0.3));
        assertThat(f).containsExactly(0.0, 0.3);
    }

    @Test
    void applySetsTheFitnessOnEachRowInOrder() {
        List<ProbeRow> rows = ProbeRow.scored(List.of(row("a", 20, 100), row("b", 40, 100)), Fitness.PUBLISHED_WEIGHT);
        assertThat(rows).extracting(ProbeRow::spec).containsExactly("a", "b");
        assertThat(rows.get(1).fitness()).isCloseTo(1.0, within(1e-12));
    }

    private static double[] fitness(List<ProbeRow> rows) {
        return rows.stream().mapToDouble(ProbeRow::fitness).toArray();
    }
}
