package io.convprobe.report;

import static io.convprobe.report.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoFrontTest {
    @Test
    void keepsOnlyUndominatedRowsSortedByThroughput() {
        ProbeRow slowBest = row("a", 31, 1000);
        ProbeRow middle = row("b", 30, 2000);
        ProbeRow dominated = row("c", 29, 1500); // b is faster and more accurate
        ProbeRow fastWorst = row("d", 28, 5000);
        ProbeRow dominatedOnTie = row("e", 28, 4000); // same accuracy as d, slower
        List<ProbeRow> front = ParetoFront.of(List.of(dominated, fastWorst, slowBest, dominatedOnTie, middle));
        assertThat(front).extracting(ProbeRow::spec).containsExactly("a", "b", "d");
    }

    @Test
    void keepsExactDuplicatesOfAFrontMember() {
        List<ProbeRow> front = ParetoFront.of(List.of(row("a", 30, 1000), row("b", 30, 1000), row("c", 20, 500)));
        assertThat(front).extracting(ProbeRow::spec).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void ignoresRowsWithoutFiniteResults() {
        List<ProbeRow> front = ParetoFront.of(List.of(row("nan", Double.NaN, 9000), row("a", 25, 100)));
        assertThat(front).extracting(ProbeRow::spec).containsExactly("a");
    }

    @Test
    void emptyInputGivesEmptyFront() {
        assertThat(ParetoFront.of(List.of())).isEmpty();
    }
}
