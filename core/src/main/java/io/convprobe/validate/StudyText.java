package io.convprobe.validate;

import io.convprobe.TextTable;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.RankScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A study's results as the terminal shows them: the table, the demo's one line, the applied ranking. */
public final class StudyText {
    private StudyText() {}

    /**
     * The terminal table: one row per score, best ρ first, then the training-time scores (marked with
     * their cost); with seed noise a column of ρ as a share of the ceiling and a line on the noise.
     */
    public static String table(StudyReport r) {
        SeedNoise noise = r.noise();
        List<String> header = new ArrayList<>(List.of("score", "n", "Spearman ρ [95 % CI]", "Kendall τ [95 % CI]",
                "top-10 % prec.", "regret top-5", "partial ρ | params"));
        if (noise != null) {
            header.add("of ceiling");
        }
        TextTable t = new TextTable(header.toArray(String[]::new));
        for (ProxyMetrics m : r.proxies()) {
            row(t, m, m.proxy() + (m.proxy().equals(CombinedScore.NAME) ? " (LOO)"
                    : m.proxy().equals(StudyPredictor.NAME) ? " (nested CV)" : ""), noise);
        }
        for (StudyReport.TrainingScore ts : r.trainingScores()) {
            row(t, ts.stats(), String.format(Locale.ROOT, "%s (training, %s)", ts.score(), cost(ts.cost())), noise);
        }
        return String.format(Locale.ROOT, "%nproxies vs trained accuracy (%d architectures trained, %s%s):%n",
                r.archs().size(), r.trainingLabel(), noise == null ? "" : "; truth = mean over seeds") + t.render()
                + (noise == null ? "" : noiseLine(noise) + "\n");
    }

    private static void row(TextTable t, ProxyMetrics m, String label, SeedNoise noise) {
        List<String> cells = new ArrayList<>(List.of(label, Integer.toString(m.n()),
                coef(m.spearman()) + " " + m.spearmanCi(), coef(m.kendall()) + " " + m.kendallCi(),
                Double.isFinite(m.topPrecision()) ? String.format(Locale.ROOT, "%.0f %% (k=%d)",
                        100 * m.topPrecision(), m.topK()) : "–",
                Double.isFinite(m.regret()) ? String.format(Locale.ROOT, "%.2f pts", m.regret()) : "–",
                coef(m.partialSpearman())));
        if (noise != null) {
            Double f = noise.ofCeiling().get(m.proxy());
            cells.add(f != null && Double.isFinite(f) ? String.format(Locale.ROOT, "%.0f %%", 100 * f) : "–");
        }
        t.row(cells.toArray());
    }

    /** The seed noise in one line: seed-to-seed ρ, |Δ|, spread and the ceiling. */
    public static String noiseLine(SeedNoise n) {
        return String.format(Locale.ROOT, "seed noise: seed-to-seed ρ %.2f %s over %d networks with up to %d seeds, "
                + "mean |Δ| %.2f points on a %.2f-point spread; noise ceiling for ρ against the mean of %s seeds: "
                + "%.2f %s", n.seedSpearman(), n.seedSpearmanCi(), n.networks(), n.seeds(), n.meanAbsDelta(), n.spread(),
                Verdict.seeds(n.effectiveSeeds()), n.ceiling(), n.ceilingCi());
    }

    /** A training-time score's cost: "10 % of training". */
    static String cost(double fraction) {
        return String.format(Locale.ROOT, "%.0f %% of training", 100 * fraction);
    }

    /** A finished session's table and where its files are. */
    public static String finished(Study.Outcome o) {
        return table(o.report()) + predictor(o.report()) + String.format("results: %s, %s, %s%n", o.studyDir().resolve(StudyFiles.JSON),
                o.studyDir().resolve(StudyFiles.CSV), o.studyDir().resolve(StudyFiles.TRAINED_CSV));
    }

    /** One line for the demo: every score's ρ and interval, and the verdict's recommendation. */
    public static String oneLine(StudyReport r) {
        String scores = r.proxies().stream().map(m -> m.proxy() + " " + coef(m.spearman()) + " " + m.spearmanCi())
                .collect(Collectors.joining(", "));
        // the same rule as the verdict: a best score whose interval reaches 0 is not yet a recommendation
        boolean reliable = r.proxies().stream().filter(m -> m.proxy().equals(r.recommended())).findFirst()
                .map(m -> m.spearmanCi().known() && m.spearmanCi().lo() > 0).orElse(false);
        String advice = !r.beatsSize() ? "no score beats " + r.recommended() + "; do not trust the screen's ranking"
                : !reliable ? "best so far " + r.recommended() + ", but its interval includes 0: with " + r.archs().size()
                        + " trained no score is reliably better than chance (run validate on more)"
                : "trust " + r.recommended() + (r.archs().size() < Verdict.SMALL_N ? " (tentatively: few trained)" : "");
        return String.format(Locale.ROOT, "proxies vs training (Spearman ρ [95 %% CI], n = %d): %s — %s", r.archs().size(),
                scores, advice);
    }

    /** What {@code --apply} prints: what was written and the new top by the predictor (or the combined score). */
    public static String applied(Path run, Study.Applied a, double fitnessWeight) {
        String by = a.rankedBy();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%n--apply: wrote %s '%s'%s for %,d %s of %s; top %d by ",
                a.cells() ? "score" : "proxy", CombinedScore.NAME,
                by.equals(StudyPredictor.NAME) ? " and '" + StudyPredictor.NAME + "'" : "", a.written(),
                a.cells() ? "networks" : "architectures", run, a.top().size()));
        if (a.cells()) { // a cell screen has no throughput: the score alone
            b.append(by).append(":\n");
            TextTable t = new TextTable("cell", by);
            for (ArchAggregate x : a.top()) {
                t.row(x.spec(), fmt(RankScore.of(x, by)));
            }
            b.append(t.render());
            b.append(String.format("rank the screen by it: convprobe report %s --rank-by %s%n", run, by));
            return b.toString();
        }
        b.append(String.format(Locale.ROOT, "fitness = norm(%s) + %s * norm(throughput):%n", by, fitnessWeight));
        TextTable t = new TextTable("spec", by, "throughput", "probe accuracy");
        for (ArchAggregate x : a.top()) {
            t.row(x.spec(), fmt(RankScore.of(x, by)), String.format(Locale.ROOT, "%.0f", x.throughput()),
                    String.format(Locale.ROOT, "%.2f %%", x.accuracy()));
        }
        b.append(t.render());
        b.append(String.format("rank the search by it: convprobe search ... --rank-by %s, convprobe report %s --rank-by %s%n",
                by, run, by));
        return b.toString();
    }

    /** The learned predictor: the model chosen, and ρ on the untrained rest against how many were trained. */
    public static String predictor(StudyReport r) {
        StudyPredictor.Summary p = r.predictor();
        if (p == null) {
            return "";
        }
        ProxyMetrics oos = r.metrics(StudyPredictor.NAME);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%npredictor (prior %s): %s, out of sample ρ %s %s "
                + "(nested cross-validation over the %d trained)%n", p.prior(), p.model(),
                oos == null ? "–" : coef(oos.spearman()), oos == null ? "" : oos.spearmanCi(), r.archs().size()));
        if (!p.curve().isEmpty()) {
            TextTable t = new TextTable("trained", "ρ on the rest (mean ± sd) [min, max]", "prior's ρ", "below prior");
            for (StudyPredictor.CurvePoint c : p.curve()) {
                t.row(Integer.toString(c.n()), String.format(Locale.ROOT, "%.2f ± %.2f [%.2f, %.2f]", c.mean(), c.sd(),
                        c.min(), c.max()), coef(c.prior()), c.belowPrior() + " of " + c.repeats());
            }
            b.append("learning curve (random draws of the trained networks; ρ on the ones left out):\n").append(t.render());
        }
        return b.toString();
    }

    static String coef(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }

    static String fmt(double v) {
        return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v != 0) ? String.format(Locale.ROOT, "%.4g", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
