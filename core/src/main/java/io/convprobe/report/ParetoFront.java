package io.convprobe.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rows no other row beats on both the ranking score (probe accuracy unless {@code --rank-by}) and throughput (both maximised). A row is dominated
 * when another is at least as good on both and strictly better on one; exact duplicates of a front
 * member are both kept. Rows with a non-finite accuracy or throughput never enter the front.
 */
public final class ParetoFront {
    private ParetoFront() {}

    /** The front, sorted by throughput ascending (so accuracy descends along it). */
    public static List<ProbeRow> of(List<ProbeRow> rows) {
        List<ProbeRow> finite = rows.stream()
                .filter(r -> Double.isFinite(r.score()) && Double.isFinite(r.throughput()))
                .toList();
        List<ProbeRow> front = new ArrayList<>();
        for (ProbeRow candidate : finite) {
            boolean dominated = false;
            for (ProbeRow other : finite) {
                if (dominates(other, candidate)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(candidate);
            }
        }
        front.sort(Comparator.comparingDouble(ProbeRow::throughput)
                .thenComparing(Comparator.comparingDouble(ProbeRow::score).reversed()));
        return front;
    }

    static boolean dominates(ProbeRow a, ProbeRow b) {
        return a.score() >= b.score() && a.throughput() >= b.throughput()
                && (a.score() > b.score() || a.throughput() > b.throughput());
    }
}
