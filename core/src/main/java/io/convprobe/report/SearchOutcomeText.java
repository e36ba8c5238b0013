package io.convprobe.report;

import io.convprobe.TextTable;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ResultStore;
import io.convprobe.search.ResultsCsv;
import io.convprobe.search.SearchConfig;
import io.convprobe.search.SearchCounts;
import io.convprobe.search.pipeline.SearchSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code convprobe search} prints at its end: the counts and the top 10, as text or as JSON. */
public final class SearchOutcomeText {
    private SearchOutcomeText() {}

    /** The counts and the top-10 table, as the terminal shows them. */
    public static void print(PrintWriter out, Path runDir, SearchSession.Outcome o, double fitnessWeight) {
        SearchConfig config = o.config();
        SearchCounts c = o.counts();
        String plainAcc = SearchSession.plain(config.settings().minAccuracy());
        String plainThr = SearchSession.plain(config.settings().minThroughput());
        out.printf(Locale.ROOT, "run               %s%n", runDir);
        out.printf(Locale.ROOT, "dataset           %s %s, first %,d train / %,d test images%n", config.dataset(),
                config.input(), config.settings().trainSize(), config.settings().testSize());
        out.printf(Locale.ROOT, "candidates        %,d  (%s)%n", c.candidates(), config.candidates());
        out.printf(Locale.ROOT, "invalid shape     %,d%n", c.invalidShape());
        out.printf(Locale.ROOT, "ratio out of range %,d%n", c.ratioOutOfRange());
        out.printf(Locale.ROOT, "cut by threshold  %,d  (trial 0 below %s %% accuracy or %s img/s)%n", c.cut(),
                plainAcc, plainThr);
        out.printf(Locale.ROOT, "fully tested      %,d  (%d trials)%n", c.full(), config.settings().trials());
        if (c.failed() > 0) {
            out.printf(Locale.ROOT, "failed            %,d%n", c.failed());
        }
        if (c.pending() > 0) {
            out.printf(Locale.ROOT, "pending           %,d%n", c.pending());
        }
        out.printf(Locale.ROOT, "results           %s, %s%n", runDir.resolve(ResultsCsv.FILE),
                runDir.resolve(ResultStore.DB_FILE));
        out.println();
        List<ArchAggregate> top = o.top();
        if (top.isEmpty()) {
            out.println("no fully tested architectures to rank");
            return;
        }
        boolean ridge = o.score().isRidge();
        String score = o.score().name();
        out.printf(Locale.ROOT, "top %d by fitness = norm(%s) + %s * norm(throughput), over the fully tested%n",
                top.size(), ridge ? "accuracy" : score, SearchSession.plain(fitnessWeight));
        List<String> headers = new ArrayList<>(List.of("kernel", "stride", "dilation", "throughput", "accuracy", "ratio"));
        if (!ridge) {
            headers.add(score);
        }
        TextTable t = new TextTable(headers.toArray(String[]::new));
        for (ArchAggregate a : top) {
            List<String> row = new ArrayList<>(List.of(joined(a.kernels()), joined(a.strides()), joined(a.dilations()),
                    String.format(Locale.ROOT, "%.0f", a.throughput()),
                    String.format(Locale.ROOT, "%.2f %%", a.accuracy()),
                    String.format(Locale.ROOT, "%.7f", a.ratio())));
            if (!ridge) {
                row.add(String.format(Locale.ROOT, "%.6g", o.score().of(a)));
            }
            t.row(row.toArray(String[]::new));
        }
        out.print(t.render());
    }

    private static String joined(List<Integer> v) {
        return v.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The counts and the top 10 for {@code --json}. */
    public static Map<String, Object> json(Path runDir, SearchSession.Outcome o) {
        SearchCounts c = o.counts();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("candidates", c.candidates());
        counts.put("invalid_shape", c.invalidShape());
        counts.put("ratio_out_of_range", c.ratioOutOfRange());
        counts.put("cut", c.cut());
        counts.put("full", c.full());
        counts.put("failed", c.failed());
        counts.put("pending", c.pending());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ArchAggregate a : o.top()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spec", a.spec());
            m.put("kernels", a.kernels());
            m.put("strides", a.strides());
            m.put("dilations", a.dilations());
            m.put("throughput", a.throughput());
            m.put("accuracy", a.accuracy());
            m.put("min_accuracy", a.minAccuracy());
            m.put("max_accuracy", a.maxAccuracy());
            m.put("std_accuracy", a.stdAccuracy());
            m.put("train_accuracy", a.trainAccuracy());
            m.put("ratio", a.ratio());
            m.put("params", a.params());
            m.put("macs", a.macs());
            m.put("train_time", a.ridgeSeconds());
            m.put("fitness", a.fitness());
            Map<String, Object> px = new LinkedHashMap<>();
            a.proxies().forEach((k, v) -> px.put(k, Double.isNaN(v) ? null : v));
            m.put("proxies", px);
            rows.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", runDir.toString());
        m.put("resumed", o.resumed());
        m.put("counts", counts);
        m.put("top", rows);
        m.put("rank_by", o.score().name());
        return m;
    }
}
