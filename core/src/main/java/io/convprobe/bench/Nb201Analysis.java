package io.convprobe.bench;

import io.convprobe.TextTable;
import io.convprobe.stats.RankCorrelation;
import io.convprobe.validate.ProxyMetrics;
import io.convprobe.validate.ProxyStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code bench nb201}'s comparison: each score's rank agreement with each of the table's
 * accuracies (Spearman ρ and Kendall τ with paired-bootstrap 95 % intervals, top-10 % precision,
 * partial ρ given the parameter count: {@link ProxyStats}), the same for the table's published
 * scores, the implementation cross-check (ours against the published value of the same score over
 * the same architectures), rank averages of fixed score sets, and each score's seconds.
 *
 * <p>A score that is undefined for an architecture (NaN: no path from input to output, a singular
 * kernel) ranks it last, as NASLib's −1e8 does, so every score is judged on every architecture.
 */
public final class Nb201Analysis {
    /** Our score ↔ the published score it implements, for the cross-check. */
    public static final Map<String, String> SHARED = orderedPairs("synflow", "synflow", "jacob_cov", "jacov", "snip",
            "snip", "grad_norm", "grad_norm", "params", "params", "macs", "flops");

    /** An insertion-ordered map (Map.of's order changes from one JVM to the next, and the table's rows with it). */
    private static Map<String, String> orderedPairs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The scores rank averages are formed from: every subset of two to four of them is evaluated
     * (the ridge readouts are left out: they rank these networks backwards, docs/findings.md).
     */
    public static final List<String> COMBINABLE = List.of("naswot", "synflow", "jacob_cov", "snip", "grad_norm", "zico",
            "params");

    /**
     * Published Spearman ρ on all 15,625 NAS-Bench-201 networks, CIFAR-10 (reference.md section D:
     * Abdelfattah et al. 2021, Mellor et al. 2021, Li et al. 2023, Krishnakumar et al. 2022, Ning et al.
     * 2021), by convprobe's score name; shown beside the table's own numbers.
     */
    public static final Map<String, String> PUBLISHED_ALL = Map.of("naswot", "0.76–0.77", "synflow", "0.73–0.76",
            "jacob_cov", "0.73–0.80", "grad_norm", "0.58–0.64", "snip", "0.58–0.64", "zico", "0.80", "params",
            "0.72–0.75", "macs", "0.69–0.80 (FLOPs)");

    /** How many of the best combinations the table shows. */
    public static final int SHOWN_COMBINATIONS = 10;

    private static final int RESAMPLES = ProxyStats.DEFAULT_RESAMPLES;

    private Nb201Analysis() {}

    /** One row: a score (ours, published, or a combination) against one accuracy. */
    public record Row(String source, String score, String accuracy, ProxyMetrics m) {}

    /** The whole comparison. */
    public record Result(List<Row> rows, Map<String, Double> crossCheck, Map<String, double[]> seconds,
            Map<String, double[]> splitHalf, int n, double[] selectionHoldout, String best) {}

    public static Result analyse(BenchTable table, Nb201Bench.Scores scores) {
        List<BenchTable.Entry> es = table.entries();
        int n = es.size();
        Map<String, double[]> ours = new LinkedHashMap<>();
        for (String name : scores.names()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                Map<String, Double> s = scores.values().get(es.get(i).spec().cellString());
                v[i] = s == null ? Double.NaN : s.get(name);
            }
            ours.put(name, v);
        }
        List<String> combos = new ArrayList<>();
        for (List<String> combo : subsets(COMBINABLE.stream().filter(ours::containsKey).toList(), 2, 4)) {
            ours.put(comboName(combo), rankAverage(combo.stream().map(ours::get).toList()));
            combos.add(comboName(combo));
        }
        double[] params = ours.get("params");
        List<Row> rows = new ArrayList<>();
        for (String acc : table.accuracies()) {
            double[] y = table.accuracy(acc);
            for (Map.Entry<String, double[]> e : ours.entrySet()) {
                rows.add(new Row("convprobe", e.getKey(), acc, ProxyStats.of(e.getKey(), lastIfUndefined(e.getValue()), y,
                        params, 0, RESAMPLES)));
            }
            for (String src : table.sources()) {
                for (String name : table.publishedNames(src)) {
                    rows.add(new Row(src, name, acc, ProxyStats.of(name, lastIfUndefined(table.published(src, name)), y,
                            params, 0, RESAMPLES)));
                }
            }
        }
        Map<String, Double> cross = new LinkedHashMap<>();
        String src = table.sources().isEmpty() ? null : table.sources().get(0);
        if (src != null) {
            for (Map.Entry<String, String> e : SHARED.entrySet()) {
                if (ours.containsKey(e.getKey()) && table.publishedNames(src).contains(e.getValue())) {
                    cross.put(e.getKey(), RankCorrelation.spearman(lastIfUndefined(ours.get(e.getKey())),
                            lastIfUndefined(table.published(src, e.getValue()))));
                }
            }
        }
        Map<String, double[]> secs = new LinkedHashMap<>();
        for (String name : scores.names()) {
            double[] v = scores.seconds().values().stream().mapToDouble(m -> m.get(name)).sorted().toArray();
            secs.put(name, v);
        }
        Map<String, double[]> half = new LinkedHashMap<>();
        if (!table.accuracies().isEmpty()) {
            double[] y = table.accuracy(table.accuracies().get(0));
            for (Map.Entry<String, double[]> e : ours.entrySet()) {
                half.put(e.getKey(), splitHalves(lastIfUndefined(e.getValue()), y, 200, 7));
            }
        }
        // the combination chosen on all of them, and what choosing does out of sample: on random halves, pick the
        // best single score or combination on one half and measure it on the other
        List<String> candidates = new ArrayList<>(combos);
        COMBINABLE.stream().filter(ours::containsKey).forEach(candidates::add);
        double[] y0 = table.accuracy(table.accuracies().get(0));
        Map<String, double[]> cand = new LinkedHashMap<>();
        Map<String, Double> rho = new LinkedHashMap<>();
        for (String c : candidates) {
            cand.put(c, lastIfUndefined(ours.get(c)));
            rho.put(c, RankCorrelation.spearman(cand.get(c), y0));
        }
        String best = null;
        for (String c : candidates) {
            if (best == null || rho.get(c) > rho.get(best)) {
                best = c;
            }
        }
        double[] holdout = selectionHoldout(cand, y0, 200, 11);
        // keep the singles, the best combinations and the chosen one; drop the rest of the combinations from the table
        List<String> shown = new ArrayList<>();
        combos.stream().sorted((a, b) -> Double.compare(rho.get(b), rho.get(a))).limit(SHOWN_COMBINATIONS).forEach(shown::add);
        rows.removeIf(r -> r.source().equals("convprobe") && r.score().startsWith("rank(") && !shown.contains(r.score()));
        return new Result(rows, cross, secs, half, n, holdout, best);
    }

    /** Every subset of {@code items} with {@code min..max} members, in order. */
    static List<List<String>> subsets(List<String> items, int min, int max) {
        List<List<String>> out = new ArrayList<>();
        for (int mask = 1; mask < (1 << items.size()); mask++) {
            int k = Integer.bitCount(mask);
            if (k < min || k > max) {
                continue;
            }
            List<String> s = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    s.add(items.get(i));
                }
            }
            out.add(s);
        }
        return out;
    }

    /**
     * The selection's own out-of-sample ρ: on {@code draws} random halvings, the candidate with the
     * best ρ on one half, measured on the other (both ways); {median, 5th percentile}.
     */
    static double[] selectionHoldout(Map<String, double[]> candidates, double[] y, int draws, long seed) {
        int n = y.length;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] out = new double[2 * draws];
        int[] idx = new int[n];
        for (int d = 0; d < draws; d++) {
            shuffle(idx, rng);
            int[][] halves = {Arrays.copyOfRange(idx, 0, n / 2), Arrays.copyOfRange(idx, n / 2, n)};
            for (int h = 0; h < 2; h++) {
                int[] pick = halves[h];
                int[] test = halves[1 - h];
                String best = null;
                double bestRho = Double.NEGATIVE_INFINITY;
                for (Map.Entry<String, double[]> c : candidates.entrySet()) {
                    double rho = RankCorrelation.spearman(take(c.getValue(), pick), take(y, pick));
                    if (rho > bestRho) {
                        bestRho = rho;
                        best = c.getKey();
                    }
                }
                out[2 * d + h] = RankCorrelation.spearman(take(candidates.get(best), test), take(y, test));
            }
        }
        Arrays.sort(out);
        return new double[] {out[out.length / 2], out[(int) (0.05 * out.length)]};
    }

    /** idx = a uniformly random permutation of 0..n-1 (Fisher–Yates on {@code rng}). */
    private static void shuffle(int[] idx, SplittableRandom rng) {
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        for (int i = idx.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
    }

    private static double[] take(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    public static String comboName(List<String> combo) {
        return "rank(" + String.join("+", combo) + ")";
    }

    /** Average rank (1 = lowest score) over the members; an undefined score ranks its architecture last. */
    public static double[] rankAverage(List<double[]> members) {
        int n = members.get(0).length;
        double[] out = new double[n];
        for (double[] m : members) {
            double[] r = RankCorrelation.averageRanks(lastIfUndefined(m));
            for (int i = 0; i < n; i++) {
                out[i] += r[i] / members.size();
            }
        }
        return out;
    }

    static double[] lastIfUndefined(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i]) || out[i] <= -1e8) {
                out[i] = -Double.MAX_VALUE;
            }
        }
        return out;
    }

    /**
     * Spearman ρ on random halves: {@code draws} random splits of the architectures into two halves,
     * ρ on each half; returns {median, 5th percentile} over the 2·draws halves. A score chosen on
     * all of them is only as good as it stays on halves it varies across.
     */
    static double[] splitHalves(double[] x, double[] y, int draws, long seed) {
        int n = x.length;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] rho = new double[2 * draws];
        int[] idx = new int[n];
        for (int d = 0; d < draws; d++) {
            shuffle(idx, rng);
            for (int h = 0; h < 2; h++) {
                int from = h * (n / 2);
                int to = h == 0 ? n / 2 : n;
                double[] a = new double[to - from];
                double[] b = new double[to - from];
                for (int i = from; i < to; i++) {
                    a[i - from] = x[idx[i]];
                    b[i - from] = y[idx[i]];
                }
                rho[2 * d + h] = RankCorrelation.spearman(a, b);
            }
        }
        Arrays.sort(rho);
        return new double[] {rho[rho.length / 2], rho[(int) (0.05 * rho.length)]};
    }

    /** The text tables (Markdown) for the terminal and docs/findings.md. */
    public static String text(Result r, BenchTable table, String protocol) {
        StringBuilder b = new StringBuilder();
        String main = table.accuracies().get(0);
        b.append(String.format(Locale.ROOT, "%d architectures of %s; %s.%n%n", r.n(), table.file().getFileName(), protocol));
        b.append("Against ").append(main).append(" (ρ, τ: 95 % bootstrap intervals; top-10 %: share of the score's top ")
                .append(ProxyStats.topK(r.n())).append(" among the accuracy's top ").append(ProxyStats.topK(r.n()))
                .append("; partial ρ given params; halves: median and 5th percentile of ρ on 400 random halves; the last column: "
                + "published on all 15,625 networks, reference.md section D):\n\n");
        TextTable t = new TextTable("source", "score", "ρ", "τ", "top-10 %", "partial ρ given params", "halves",
                "published ρ, all 15,625");
        for (Row row : r.rows()) {
            if (!row.accuracy().equals(main)) {
                continue;
            }
            ProxyMetrics m = row.m();
            double[] h = row.source().equals("convprobe") ? r.splitHalf().get(row.score()) : null;
            t.row(row.source(), row.score(),
                    String.format(Locale.ROOT, "%.3f [%.2f, %.2f]", m.spearman(), m.spearmanCi().lo(), m.spearmanCi().hi()),
                    String.format(Locale.ROOT, "%.3f [%.2f, %.2f]", m.kendall(), m.kendallCi().lo(), m.kendallCi().hi()),
                    String.format(Locale.ROOT, "%.2f", m.topPrecision()),
                    Double.isNaN(m.partialSpearman()) ? "—" : String.format(Locale.ROOT, "%.3f", m.partialSpearman()),
                    h == null ? "" : String.format(Locale.ROOT, "%.3f / %.3f", h[0], h[1]),
                    row.source().equals("convprobe") ? PUBLISHED_ALL.getOrDefault(row.score(),
                            row.score().startsWith("rank(") ? "ensembles 0.89–0.92" : "") : "");
        }
        b.append(t.markdown()).append('\n');
        b.append(String.format(Locale.ROOT, "Best on all %d: %s. Choosing the best of the %d candidates (single scores and "
                + "rank averages of 2–4 of %s) on one random half and measuring it on the other: median ρ %.3f, 5th "
                + "percentile %.3f (400 halves) — what a choice made this way is worth on networks it was not chosen on.%n%n",
                r.n(), r.best(), r.splitHalf().keySet().stream().filter(k -> k.startsWith("rank(")).count()
                        + COMBINABLE.size(), String.join(", ", COMBINABLE), r.selectionHoldout()[0],
                r.selectionHoldout()[1]));
        if (table.accuracies().size() > 1) {
            b.append("Spearman ρ against every accuracy of the table:\n\n");
            List<String> head = new ArrayList<>(List.of("source", "score"));
            head.addAll(table.accuracies());
            TextTable all = new TextTable(head.toArray(String[]::new));
            Map<String, List<String>> byScore = new LinkedHashMap<>();
            for (Row row : r.rows()) {
                byScore.computeIfAbsent(row.source() + "\u0000" + row.score(), k -> new ArrayList<>())
                        .add(String.format(Locale.ROOT, "%.3f", row.m().spearman()));
            }
            for (Map.Entry<String, List<String>> e : byScore.entrySet()) {
                List<String> cells = new ArrayList<>(List.of(e.getKey().split("\u0000")));
                cells.addAll(e.getValue());
                all.row(cells.toArray(String[]::new));
            }
            b.append(all.markdown()).append('\n');
        }
        if (!r.crossCheck().isEmpty()) {
            b.append("Implementation cross-check: Spearman between convprobe's value and ")
                    .append(table.sources().get(0)).append("'s value of the same score over the same architectures ")
                    .append("(different random weights and images, so not equal; a faithful implementation ranks alike):\n\n");
            TextTable c = new TextTable("score", "ρ(convprobe, published)");
            r.crossCheck().forEach((k, v) -> c.row(k + " ↔ " + SHARED.get(k), String.format(Locale.ROOT, "%.3f", v)));
            b.append(c.markdown()).append('\n');
        }
        b.append("Cost on this machine, seconds per architecture (each score alone):\n\n");
        TextTable s = new TextTable("score", "median s", "mean s", "max s");
        r.seconds().forEach((k, v) -> s.row(k, String.format(Locale.ROOT, "%.3f", v[v.length / 2]),
                String.format(Locale.ROOT, "%.3f", Arrays.stream(v).average().orElse(Double.NaN)),
                String.format(Locale.ROOT, "%.3f", v[v.length - 1])));
        b.append(s.markdown());
        return b.toString();
    }
}
