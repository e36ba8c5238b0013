package io.convprobe.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The plain-words reading of a study: which score to trust and how far. The size counts ({@code
 * params}, {@code macs}) are the baseline every screening score has to beat — size is the known
 * confound of training-free scores, and counting costs nothing. A score "beats" them when its ρ
 * (the combined score's: leave-one-out) is higher than both; when its interval reaches below the
 * best size count's ρ the lead is called uncertain. When nothing beats them the verdict says so
 * and recommends ranking by the size count, never the screen.
 */
public final class Verdict {
    public static final Set<String> SIZE = Set.of("params", "macs");
    /** Below this many trained architectures the verdict warns that it is mostly noise. */
    public static final int SMALL_N = 10;

    private Verdict() {}

    /** {@code [sentence, recommended score, "true"/"false" beats size]}. */
    public static String[] of(List<ProxyMetrics> rows, int trained) {
        List<ProxyMetrics> finite = rows.stream().filter(m -> Double.isFinite(m.spearman()))
                .sorted(Comparator.comparingDouble(ProxyMetrics::spearman).reversed()).toList();
        if (finite.isEmpty()) {
            return new String[] {String.format(Locale.ROOT, "How well the scores predict training could not be "
                    + "measured (%d architecture%s trained).", trained, trained == 1 ? "" : "s"), "params", "false"};
        }
        Optional<ProxyMetrics> size = finite.stream().filter(m -> SIZE.contains(m.proxy())).findFirst();
        Optional<ProxyMetrics> screen = finite.stream().filter(m -> !SIZE.contains(m.proxy())).findFirst();
        ProxyMetrics ridge = finite.stream().filter(m -> m.proxy().equals("ridge")).findFirst().orElse(null);
        List<ProxyMetrics> sizes = finite.stream().filter(m -> SIZE.contains(m.proxy())).toList();
        List<String> parts = new ArrayList<>();
        boolean beats = screen.isPresent() && (size.isEmpty() || screen.get().spearman() > size.get().spearman());
        if (beats) {
            ProxyMetrics best = screen.get();
            parts.add(name(best) + " ranks training best here, " + rho(best));
            if (ridge != null && ridge != best) {
                parts.add("the ridge probe " + rho(ridge));
            }
            sizes.forEach(m -> parts.add(name(m) + " alone " + rho(m)));
            String s = capital(String.join("; ", parts)) + ".";
            Interval ci = best.spearmanCi();
            if (!ci.known() || ci.lo() <= 0) {
                s += " Its interval includes 0: with " + trained + " trained architectures no score is reliably better "
                        + "than chance, so do not trust the ranking yet (train more).";
            } else if (size.isPresent() && ci.lo() <= size.get().spearman()) {
                s += " Trust " + best.proxy() + " to order architectures " + strength(best.spearman())
                        + ", but its lead over counting " + size.get().proxy() + " is within the noise (its interval "
                        + "reaches below " + size.get().proxy() + "'s ρ).";
            } else {
                s += " Trust " + best.proxy() + " to order architectures " + strength(best.spearman())
                        + (size.isPresent() ? "; its whole interval lies above " + name(size.get()) + "'s ρ." : ".");
            }
            s += String.format(Locale.ROOT, " Of its top %d, %d were in the trained top %d; the best of its top %d "
                    + "trained %.2f points below the best trained.", best.topK(),
                    Math.round(best.topPrecision() * best.topK()), best.topK(), best.regretK(), best.regret());
            return new String[] {caution(s, trained), best.proxy(), "true"};
        }
        ProxyMetrics s = size.orElseThrow();
        parts.add("No screening score beats counting " + (s.proxy().equals("params") ? "parameters" : "MACs")
                + " here: " + name(s) + " alone ranks training at " + rho(s));
        screen.ifPresent(b -> parts.add("the best score, " + b.proxy() + ", " + rho(b)));
        if (ridge != null && screen.isPresent() && ridge != screen.get()) {
            parts.add("the ridge probe " + rho(ridge));
        }
        String text = String.join("; ", parts) + ". The screen's ranking is no better a prediction of trained accuracy "
                + "than size; rank by " + s.proxy() + " (--rank-by " + s.proxy() + ") or train candidates.";
        return new String[] {caution(text, trained), s.proxy(), "false"};
    }

    /**
     * The sentence on the seed noise (empty without it): the seed-to-seed ρ, the ceiling it sets for a
     * ρ against the seeds' mean, and where the best score stands — at the ceiling when its interval
     * reaches it (then more seeds, not a better score, would tell more).
     */
    public static String noise(List<ProxyMetrics> rows, SeedNoise n) {
        if (n == null) {
            return "";
        }
        String s = String.format(Locale.ROOT, " Training is noisy: two seeds of a network agree to ρ %.2f %s (%d "
                + "networks, mean |Δ| %.2f points on a %.2f-point spread), so no score can rank the mean of %s seeds "
                + "better than ρ %.2f (the noise ceiling).", n.seedSpearman(), n.seedSpearmanCi(), n.networks(),
                n.meanAbsDelta(), n.spread(), seeds(n.effectiveSeeds()), n.ceiling());
        ProxyMetrics best = rows.stream().filter(m -> Double.isFinite(m.spearman()))
                .max(Comparator.comparingDouble(ProxyMetrics::spearman)).orElse(null);
        if (best == null || !(n.ceiling() > 0)) {
            return s;
        }
        return s + String.format(Locale.ROOT, " %s reaches %.0f %% of it%s", capital(name(best)),
                100 * best.spearman() / n.ceiling(), n.atCeiling(best) ? "; its interval reaches the ceiling: it ranks "
                        + "as well as this truth can tell (more seeds, not a better score, would tell more)." : ".");
    }

    /** The sentence on the training-time scores (empty without them): each one's ρ and what it costs. */
    public static String training(List<StudyReport.TrainingScore> scores) {
        if (scores.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (StudyReport.TrainingScore t : scores) {
            if (Double.isFinite(t.stats().spearman())) {
                parts.add(String.format(Locale.ROOT, "%s %s after %.0f %% of the training", t.score(), rho(t.stats()),
                        100 * t.cost()));
            }
        }
        return parts.isEmpty() ? "" : " From the training itself: " + String.join(", ", parts) + ".";
    }

    /** "2" seeds, or "1.67" (a harmonic mean). */
    static String seeds(double k) {
        return Math.abs(k - Math.rint(k)) < 1e-9 ? Long.toString(Math.round(k)) : String.format(Locale.ROOT, "%.2f", k);
    }

    static String name(ProxyMetrics m) {
        return switch (m.proxy()) {
            case "params" -> "parameter count";
            case "macs" -> "MAC count";
            case "ridge" -> "the ridge probe";
            case CombinedScore.NAME -> "the combined score (leave-one-out)";
            default -> m.proxy();
        };
    }

    /** "ρ 0.71 [0.55, 0.82]". */
    public static String rho(ProxyMetrics m) {
        return String.format(Locale.ROOT, "ρ %.2f %s", m.spearman(), m.spearmanCi());
    }

    static String strength(double rho) {
        double a = Math.abs(rho);
        return a >= 0.7 ? "well" : a >= 0.4 ? "moderately" : a >= 0.2 ? "weakly" : "hardly at all";
    }

    /** "The ridge probe …" at the start of a sentence; a proxy's own name keeps its case. */
    private static String capital(String s) {
        return s.startsWith("the ") ? "T" + s.substring(1) : s;
    }

    private static String caution(String s, int n) {
        return n < SMALL_N ? s + " Caution: " + n + " trained architectures are too few for a firm conclusion." : s;
    }
}
