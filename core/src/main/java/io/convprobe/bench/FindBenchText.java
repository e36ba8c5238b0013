package io.convprobe.bench;

import io.convprobe.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code bench find}'s Markdown: per method, the found network's rank and regret on every seed, and a summary. */
public final class FindBenchText {
    private FindBenchText() {}

    /** {@code top}: the rank a hit must reach (3 for the table's target, 5 for the pool's). */
    public static String of(FindBench.Outcome o, int top) {
        Map<String, List<FindBench.Pick>> by = new LinkedHashMap<>();
        o.picks().forEach(p -> by.computeIfAbsent(p.method(), m -> new ArrayList<>()).add(p));
        int seeds = by.values().iterator().next().size();
        List<String> head = new ArrayList<>(List.of("method", "cost (" + o.unit() + ")"));
        for (int s = 0; s < seeds; s++) {
            head.add("seed " + s + ": rank (regret)");
        }
        head.addAll(List.of("mean regret", "median rank", "in top " + top, "found after (mean " + o.unit() + ")"));
        TextTable t = new TextTable(head.toArray(String[]::new));
        for (Map.Entry<String, List<FindBench.Pick>> e : by.entrySet()) {
            List<String> row = new ArrayList<>(List.of(e.getKey(), String.valueOf(e.getValue().stream()
                    .mapToLong(FindBench.Pick::cost).max().orElse(0))));
            for (FindBench.Pick p : e.getValue()) {
                row.add(String.format(Locale.ROOT, "%d (%.2f)", p.rank(), p.regret()));
            }
            double[] regret = e.getValue().stream().mapToDouble(FindBench.Pick::regret).toArray();
            int[] ranks = e.getValue().stream().mapToInt(FindBench.Pick::rank).sorted().toArray();
            row.add(String.format(Locale.ROOT, "%.2f", java.util.Arrays.stream(regret).average().orElse(Double.NaN)));
            row.add(ranks.length % 2 == 1 ? String.valueOf(ranks[ranks.length / 2])
                    : String.format(Locale.ROOT, "%.1f", (ranks[ranks.length / 2 - 1] + ranks[ranks.length / 2]) / 2.0));
            row.add(java.util.Arrays.stream(ranks).filter(r -> r <= top).count() + " of " + ranks.length);
            row.add(String.format(Locale.ROOT, "%.1f", e.getValue().stream().mapToLong(FindBench.Pick::foundAt).average()
                    .orElse(Double.NaN)));
            t.row(row.toArray());
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %d networks, budget %s %s.%n", o.population(), o.size(),
                fmt(o.budget()), o.unit()));
        o.notes().forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        b.append('\n').append(t.markdown()).append('\n');
        return b.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
