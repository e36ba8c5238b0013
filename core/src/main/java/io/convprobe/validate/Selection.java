package io.convprobe.validate;

import io.convprobe.search.ArchAggregate;
import io.convprobe.search.RankScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which architectures a study trains: stratified across the screen's ranking, so the trained
 * sample spans the whole range of the score instead of only its top (a correlation measured on
 * the top alone says little about the ranking). The ranking's top {@value #ALWAYS_TOP} are always
 * in; the rest of the ranking is cut into {@code count − 3} strata of (nearly) equal size and one
 * architecture is drawn from each with a {@link Random} seeded with {@code seed}.
 */
public final class Selection {
    public static final int ALWAYS_TOP = 3;

    private Selection() {}

    /** The ranking: descending score, NaN last, ties by id. */
    public static List<ArchAggregate> ranking(List<ArchAggregate> archs, String by) {
        return archs.stream().sorted(Comparator.<ArchAggregate>comparingDouble(a -> {
            double v = RankScore.of(a, by);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : -v;
        }).thenComparingLong(ArchAggregate::id)).toList();
    }

    /** Each architecture's screen rank in {@code ranking} (1 = best), by id, in the ranking's order. */
    public static java.util.Map<Long, Integer> ranks(List<ArchAggregate> ranking) {
        java.util.Map<Long, Integer> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ranking.size(); i++) {
            out.put(ranking.get(i).id(), i + 1);
        }
        return out;
    }

    /** Positions (0 = best) in {@code ranked} of the chosen architectures, ascending. */
    public static int[] stratified(int ranked, int count, long seed) {
        int n = Math.min(count, ranked);
        int top = Math.min(ALWAYS_TOP, n);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < top; i++) {
            out.add(i);
        }
        int strata = n - top;
        int rest = ranked - top;
        Random rnd = new Random(seed);
        for (int s = 0; s < strata; s++) {
            int lo = top + (int) ((long) rest * s / strata);
            int hi = top + (int) ((long) rest * (s + 1) / strata); // exclusive; hi > lo since rest >= strata
            out.add(lo + rnd.nextInt(hi - lo));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The order in which a study trains its {@code count} picks (indices into the ascending picks):
     * the top {@value #ALWAYS_TOP} first, then the strata in van der Corput order (0, 1/2, 1/4,
     * 3/4, 1/8, … of the way down the rest), so that every prefix of the order spans the whole
     * ranking. A study stopped after K
     * trainings (a deadline, {@code --limit}) then reports on a sample that is still spread across
     * the ranking, not on its top K strata.
     */
    public static int[] trainingOrder(int count) {
        int top = Math.min(ALWAYS_TOP, count);
        int strata = count - top;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < top; i++) {
            out.add(i);
        }
        boolean[] used = new boolean[strata];
        // terminates: the first 2^⌈log2 strata⌉ numbers lie at most 1/strata apart, so they hit every stratum
        for (int k = 0; out.size() < count; k++) {
            // the k-th van der Corput number in base 2, mapped to a stratum; duplicates skipped
            double v = 0;
            double f = 0.5;
            for (int b = k; b > 0; b >>= 1, f /= 2) {
                if ((b & 1) != 0) {
                    v += f;
                }
            }
            int s = (int) (v * strata);
            if (!used[s]) {
                used[s] = true;
                out.add(top + s);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
