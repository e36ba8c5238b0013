package io.convprobe.cells;

import io.convprobe.UserException;
import io.convprobe.stats.RankCorrelation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rank score of a cell screen: one stored score ({@code naswot}), or a rank average of several
 * joined by {@code +} ({@code naswot+synflow+jacob_cov}: each network's rank under each score among
 * the networks scored, averaged — scales do not matter, and no weights are fitted). A score that is
 * undefined for a network (NaN) ranks it last. Higher = predicted better, as every score.
 */
public final class CellRanking {
    private CellRanking() {}

    /** One network, its rank score's value and all its scores. */
    public record Ranked(String arch, double value, Map<String, Double> scores) {}

    /** The score names {@code rankBy} combines. */
    public static List<String> members(String rankBy) {
        List<String> out = new ArrayList<>();
        for (String p : rankBy.split("\\+")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        if (out.isEmpty()) {
            throw new UserException("--rank-by: empty");
        }
        return out;
    }

    /** The rank score of every network of {@code scored} (a single score: its value; several: the rank average). */
    public static Map<String, Double> values(Map<String, Map<String, Double>> scored, String rankBy) {
        List<String> members = members(rankBy);
        List<String> archs = new ArrayList<>(scored.keySet());
        Map<String, Double> out = new LinkedHashMap<>();
        if (archs.isEmpty()) {
            return out;
        }
        for (String m : members) {
            if (!scored.get(archs.get(0)).containsKey(m)) {
                throw new UserException("--rank-by '" + rankBy + "': '" + m + "' is not among the computed scores "
                        + scored.get(archs.get(0)).keySet());
            }
        }
        if (members.size() == 1) {
            for (String a : archs) {
                double v = scored.get(a).get(members.get(0));
                out.put(a, Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY);
            }
            return out;
        }
        double[] avg = new double[archs.size()];
        for (String m : members) {
            double[] v = new double[archs.size()];
            for (int i = 0; i < v.length; i++) {
                double x = scored.get(archs.get(i)).get(m);
                v[i] = Double.isFinite(x) ? x : -Double.MAX_VALUE;
            }
            double[] r = RankCorrelation.averageRanks(v);
            for (int i = 0; i < v.length; i++) {
                avg[i] += r[i] / members.size();
            }
        }
        for (int i = 0; i < avg.length; i++) {
            out.put(archs.get(i), avg[i]);
        }
        return out;
    }

    /** The networks best first (ties: the order they were scored in). */
    public static List<Ranked> rank(Map<String, Map<String, Double>> scored, String rankBy) {
        Map<String, Double> v = values(scored, rankBy);
        List<Ranked> out = new ArrayList<>();
        v.forEach((a, x) -> out.add(new Ranked(a, x, scored.get(a))));
        out.sort(Comparator.comparingDouble(Ranked::value).reversed());
        return out;
    }
}
