package io.convprobe.search;

import io.convprobe.UserException;
import io.convprobe.proxy.Proxies;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The score a search ranks by ({@code --rank-by}): any stored proxy (the {@code proxies} table,
 * read through {@link ArchAggregate#proxies()}), including {@code combined} once {@code validate
 * --apply} has written it. {@code ridge} is the published protocol's probe accuracy; {@code
 * ridge}, {@code params}, {@code macs} and {@code features} fall back to the architecture's own
 * columns when a run stored no proxy rows (runs made before proxies existed rank as they did).
 *
 * <p>A value ({@code name}: the score's name, trimmed) so that a search's, demo's or study's choice
 * travels typed; the static methods answer for a name as stored in runs and tables.
 */
public record RankScore(String name) {
    /**
     * The default ranking score of search, report, demo and validate's {@code --by}: NASWOT, the
     * single score that ranked training best in the proxy study (docs/findings.md: Spearman 0.58
     * [0.39, 0.72] over 63 trained seed-space networks on Fashion-MNIST, against 0.54 for MACs, 0.53
     * for parameters and 0.38 for the ridge probe). Runs that do not store it rank by ridge
     * ({@link #defaultFor}); {@code --rank-by ridge} reproduces the published protocol. The one
     * place to change it.
     */
    public static final String DEFAULT = "naswot";

    /** The published protocol's score: the ridge probe's test accuracy. */
    public static final String RIDGE = "ridge";

    /** How the help texts name the default: it needs the proxy stored, so runs without it rank by ridge. */
    public static final String DEFAULT_HELP = DEFAULT + " when the run stores it, otherwise " + RIDGE;

    public RankScore {
        name = name == null ? "" : name.trim();
        if (name.isEmpty()) {
            throw new UserException("--rank-by needs a score's name (ridge, a stored proxy, or combined)");
        }
    }

    /** The typed score of a {@code --rank-by} text; null (the default, resolved per run) stays null. */
    public static RankScore named(String text) {
        return text == null ? null : new RankScore(text);
    }

    /** {@code wanted} checked against these architectures, or their default ({@link #defaultFor}) when null. */
    public static RankScore resolve(RankScore wanted, List<ArchAggregate> archs, Object where) {
        return new RankScore(wanted == null ? defaultFor(archs) : check(wanted.name, archs, where));
    }

    /** The architecture's value of this score, NaN when it has none. */
    public double of(ArchAggregate a) {
        return of(a, name);
    }

    public boolean isRidge() {
        return name.equals(RIDGE);
    }

    /** {@link #checkBeforeSearch(String, Proxies, java.nio.file.Path)} for this score. */
    public void checkBeforeSearch(Proxies requested, java.nio.file.Path runDir) {
        checkBeforeSearch(name, requested, runDir);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The architecture's value of {@code score} (higher = predicted better), NaN when it has none. */
    public static double of(ArchAggregate a, String score) {
        Double v = a.proxies().get(score);
        if (v != null) {
            return v;
        }
        return switch (score) {
            case "ridge" -> a.accuracy();
            case "params" -> a.params() < 0 ? Double.NaN : a.params();
            case "macs" -> a.macs() < 0 ? Double.NaN : a.macs();
            case "features" -> a.features() < 0 ? Double.NaN : a.features();
            default -> Double.NaN;
        };
    }

    /**
     * The score to rank by when the user named none: {@link #DEFAULT} when any of these
     * architectures has it, otherwise {@link #RIDGE} (a run made with {@code --proxies none} or
     * before proxies existed ranks as the published protocol does, instead of failing).
     */
    public static String defaultFor(List<ArchAggregate> archs) {
        return archs.stream().anyMatch(a -> Double.isFinite(of(a, DEFAULT))) ? DEFAULT : RIDGE;
    }

    /** The proxy names stored for any of these architectures (the proxies table only). */
    public static Set<String> stored(List<ArchAggregate> archs) {
        Set<String> out = new TreeSet<>();
        archs.forEach(a -> out.addAll(a.proxies().keySet()));
        return out;
    }

    /** The scores one can rank these architectures by: the stored ones and the column fallbacks. */
    public static Set<String> available(List<ArchAggregate> archs) {
        Set<String> out = stored(archs);
        out.addAll(List.of("ridge", "params", "macs", "features"));
        return out;
    }

    /** Refuses a score no architecture has, naming the run and what it has. */
    public static String check(String score, List<ArchAggregate> archs, Object where) {
        String s = score.trim();
        if (archs.isEmpty() || archs.stream().anyMatch(a -> Double.isFinite(of(a, s)))) {
            return s;
        }
        throw new UserException("--rank-by " + s + ": " + where + " has no score '" + s + "' (available: "
                + String.join(", ", available(archs)) + (s.equals("combined") ? "; run convprobe validate --apply first"
                        : "") + ")");
    }

    /**
     * Refuses, before a search starts, a {@code --rank-by} the search will not store: fine are the
     * column scores, the proxies the search requests ({@code requested}: its configuration's
     * {@code proxies} entry, a list or comma-separated text, null when it has none) and any score
     * an existing run in {@code runDir} already holds (e.g. {@code combined} after validate --apply).
     */
    public static void checkBeforeSearch(String score, Proxies requested, java.nio.file.Path runDir) {
        if (List.of("ridge", "params", "macs", "features").contains(score)) {
            return;
        }
        Set<String> names = new TreeSet<>(requested == null ? List.of() : requested.names());
        if (names.contains(score)) {
            return;
        }
        if (java.nio.file.Files.isRegularFile(runDir.resolve(ResultStore.DB_FILE))) {
            try (ResultStore s = ResultStore.open(runDir)) {
                if (s.aggregates().stream().anyMatch(a -> Double.isFinite(of(a, score)))) {
                    return;
                }
            } catch (UserException e) {
                // not a usable run yet: nothing stored to rank by
            }
        }
        throw new UserException("--rank-by " + score + ": this search does not store a score '" + score + "' (it "
                + "computes: " + (names.isEmpty() ? "no proxies" : String.join(", ", names)) + "; ridge, params, macs "
                + "and features always work; combined after convprobe validate --apply)");
    }

    /** How a table or chart names the score: "probe accuracy (ridge)" or the proxy's name. */
    public static String label(String score) {
        return score.equals(RIDGE) ? "probe accuracy (ridge)" : score;
    }
}
