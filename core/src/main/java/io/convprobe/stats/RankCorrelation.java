package io.convprobe.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Rank correlations as scipy.stats computes them: Spearman's ρ ({@code spearmanr}: Pearson correlation
 * of average ranks) and Kendall's τ-b ({@code kendalltau}, tie-corrected). Used to check how well a
 * cheap proxy ranks networks against their trained results. Both return NaN, like scipy, when an input
 * is constant or holds a NaN, and reject inputs of unequal or too small length.
 */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    /** Spearman's ρ with average ranks for ties. */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        if (hasNaN(x) || hasNaN(y)) {
            return Double.NaN;
        }
        return pearson(averageRanks(x), averageRanks(y));
    }

    /**
     * Kendall's τ-b = (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)), n₀ = n(n−1)/2 and n₁, n₂ the
     * pairs tied in x, in y. O(n log n) by Knight's method: sort by (x, y), count the y inversions.
     */
    public static double kendallTauB(double[] x, double[] y) {
        check(x, y);
        if (hasNaN(x) || hasNaN(y)) {
            return Double.NaN;
        }
        int n = x.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]));
        long xTies = 0;
        long jointTies = 0;
        long runX = 1;
        long runXY = 1;
        for (int k = 1; k < n; k++) {
            int p = order[k - 1];
            int q = order[k];
            if (x[p] == x[q]) {
                runX++;
                runXY = y[p] == y[q] ? runXY + 1 : 1;
            } else {
                runX = 1;
                runXY = 1;
            }
            // A run of length r adds r−1 new tied pairs at each step: total r(r−1)/2.
            xTies += runX - 1;
            jointTies += runXY - 1;
        }
        double[] ys = new double[n];
        for (int k = 0; k < n; k++) {
            ys[k] = y[order[k]];
        }
        long discordant = inversions(ys, new double[n], 0, n);
        // ys is now sorted ascending: count the y ties.
        long yTies = 0;
        long runY = 1;
        for (int k = 1; k < n; k++) {
            runY = ys[k] == ys[k - 1] ? runY + 1 : 1;
            yTies += runY - 1;
        }
        long total = (long) n * (n - 1) / 2;
        double numerator = total - xTies - yTies + jointTies - 2.0 * discordant;
        double denominator = Math.sqrt((double) (total - xTies)) * Math.sqrt((double) (total - yTies));
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    /**
     * Partial Spearman ρ of x and y controlling for z: the partial correlation of their average
     * ranks, (r_xy − r_xz·r_yz) / √((1 − r_xz²)(1 − r_yz²)) — what {@code pingouin.partial_corr(method=
     * 'spearman')} computes for one covariate. NaN when a rank correlation is undefined or z
     * explains x or y entirely (|r| = 1).
     */
    public static double partialSpearman(double[] x, double[] y, double[] z) {
        check(x, y);
        check(x, z);
        if (hasNaN(x) || hasNaN(y) || hasNaN(z)) {
            return Double.NaN;
        }
        double[] rx = averageRanks(x);
        double[] ry = averageRanks(y);
        double[] rz = averageRanks(z);
        double xy = pearson(rx, ry);
        double xz = pearson(rx, rz);
        double yz = pearson(ry, rz);
        double d = (1 - xz * xz) * (1 - yz * yz);
        if (!(d > 1e-12)) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, (xy - xz * yz) / Math.sqrt(d)));
    }

    /** Average ranks scaled to [0, 1] ({@code (rank − 1)/(n − 1)}); all equal, or one value → 0.5. */
    public static double[] scaledRanks(double[] v) {
        double[] r = averageRanks(v);
        int n = v.length;
        for (int i = 0; i < n; i++) {
            r[i] = n > 1 ? (r[i] - 1) / (n - 1) : 0.5;
        }
        return r;
    }

    /** 1-based ranks, ties get the mean of the ranks they span (scipy's rankdata 'average'). */
    public static double[] averageRanks(double[] v) {
        int n = v.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] rank = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && v[order[end]] == v[order[start]]) {
                end++;
            }
            double average = (start + 1 + end) / 2.0; // mean of ranks start+1 .. end
            for (int k = start; k < end; k++) {
                rank[order[k]] = average;
            }
            start = end;
        }
        return rank;
    }

    /** Sorts a[lo, hi) ascending and returns the number of pairs i < j with a[i] > a[j]. */
    private static long inversions(double[] a, double[] tmp, int lo, int hi) {
        if (hi - lo < 2) {
            return 0;
        }
        int mid = (lo + hi) >>> 1;
        long count = inversions(a, tmp, lo, mid) + inversions(a, tmp, mid, hi);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            if (a[j] < a[i]) {
                count += mid - i; // a[j] is smaller than everything left in the left half
                tmp[k++] = a[j++];
            } else {
                tmp[k++] = a[i++];
            }
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < hi) {
            tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
        return count;
    }

    /** Pearson's r; NaN when either input is constant. */
    public static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        if (saa == 0 || sbb == 0) {
            return Double.NaN;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static boolean hasNaN(double[] v) {
        for (double d : v) {
            if (Double.isNaN(d)) {
                return true;
            }
        }
        return false;
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("rank correlation of arrays of different lengths: " + x.length + " vs " + y.length);
        }
        if (x.length < 2) {
            throw new IllegalArgumentException("rank correlation needs at least 2 values, got " + x.length);
        }
    }
}
