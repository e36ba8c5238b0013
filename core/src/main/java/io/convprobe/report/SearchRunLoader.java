package io.convprobe.report;

import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.ResultStore;
import io.convprobe.search.RunResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a search run directory ({@code results.db}) into the report's {@link SearchSummary}. */
public final class SearchRunLoader {
    private SearchRunLoader() {}

    public static boolean isSearchRun(Path dir) {
        return java.nio.file.Files.isRegularFile(dir.resolve(ResultStore.DB_FILE));
    }

    /**
     * The run ranked by {@code score} (any stored proxy; see {@link io.convprobe.search.RankScore}),
     * or by the run's default ({@link io.convprobe.search.RankScore#defaultFor}) when it is null.
     */
    public static SearchSummary load(Path runDir, double throughputWeight, String score) {
        RunResults stored = ResultStore.snapshot(runDir);
        String rankBy = score == null ? io.convprobe.search.RankScore.defaultFor(stored.archs())
                : io.convprobe.search.RankScore.check(score, stored.archs(), runDir);
        RunResults r = stored.scored(throughputWeight, rankBy); // the search's own scoring: the report ranks as it does
        List<ProbeRow> rows = new ArrayList<>();
        for (ArchAggregate a : r.archs()) {
            if (a.trials() == 0) {
                continue; // never probed (invalid, ratio out of range, or not reached yet)
            }
            rows.add(new ProbeRow(a.spec(), ints(a.kernels()), ints(a.strides()), ints(a.dilations()), a.trials(),
                    a.status() == ArchStatus.FULL, a.accuracy(), a.minAccuracy(), a.maxAccuracy(), a.stdAccuracy(),
                    r.trial0Accuracy().getOrDefault(a.id(), Double.NaN), a.trainAccuracy(), a.throughput(), a.ratio(),
                    a.params(), a.macs(), a.ridgeSeconds(), a.fitness(), io.convprobe.search.RankScore.of(a, rankBy)));
        }
        Map<String, Object> cfg = r.config();
        String dataset = String.valueOf(cfg.getOrDefault("dataset", "?")) + " " + cfg.getOrDefault("input", "")
                + ", " + cfg.getOrDefault("train_size", "?") + "/" + cfg.getOrDefault("test_size", "?") + " images";
        return new SearchSummary(runDir.getFileName().toString(), dataset, r.counts().candidates(),
                r.counts().invalidShape() + r.counts().ratioOutOfRange(), r.counts().cut(), r.counts().full(),
                number(cfg.get("min_accuracy"), 25), number(cfg.get("min_throughput"), 200), rows, rankBy);
    }

    private static int[] ints(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double number(Object o, double dflt) {
        return o instanceof Number n ? n.doubleValue() : dflt;
    }
}
