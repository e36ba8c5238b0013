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
}
