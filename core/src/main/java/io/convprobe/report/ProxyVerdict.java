package io.convprobe.report;

import java.util.Locale;

/**
 * Plain-language reading of a proxy validation: how well the screen's ranking predicted the
 * trained ranking. Strength from |ρ| (Spearman): ≥ 0.7 strongly, ≥ 0.4 moderately, ≥ 0.2 weakly,
 * below that not at all; a negative ρ is called out as reversed. Under {@link #SMALL_N}
 * architectures a caution is added, since a rank correlation on a handful of points is mostly noise.
 */
public final class ProxyVerdict {
    /** Below this many architectures the coefficients are flagged as unreliable. */
    public static final int SMALL_N = 10;

    private ProxyVerdict() {}

    public static String strength(double rho) {
        double a = Math.abs(rho);
        if (a >= 0.7) {
            return "strongly";
        }
        if (a >= 0.4) {
            return "moderately";
        }
        if (a >= 0.2) {
            return "weakly";
        }
        return "not at all";
    }

    /** E.g. "The screen's ranking predicted the trained ranking weakly (Spearman ρ = 0.31, …, n = 4)." */
    public static String sentence(ProxyValidation v) {
        String numbers = String.format(Locale.ROOT, "Spearman ρ = %s, Kendall τ = %s, n = %d",
                coefficient(v.spearman()), coefficient(v.kendall()), v.n());
        String main;
        if (!Double.isFinite(v.spearman())) {
            main = "How well the screen predicted training could not be measured (" + numbers + ").";
        } else if (v.spearman() <= -0.2) {
            main = "The screen's ranking was " + strength(v.spearman()).replace("not at all", "slightly")
                    + " reversed by training: architectures the probe rated higher trained worse (" + numbers + ").";
        } else if (strength(v.spearman()).equals("not at all")) {
            main = "The screen's ranking did not predict the trained ranking (" + numbers + ").";
        } else {
            main = "The screen's ranking predicted the trained ranking " + strength(v.spearman()) + " (" + numbers + ").";
        }
        if (v.n() < SMALL_N) {
            main += " Caution: " + v.n() + " architecture" + (v.n() == 1 ? "" : "s")
                    + " is too few for a firm conclusion; a few more trained architectures could change this.";
        }
        return main;
    }

    static String coefficient(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }
}
