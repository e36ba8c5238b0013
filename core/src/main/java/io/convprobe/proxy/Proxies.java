package io.convprobe.proxy;

import io.convprobe.UserException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The registry of proxies and a chosen set of them ({@code --proxies LIST}): names in a fixed
 * order, so that "macs,ridge" and "ridge,macs" are the same set (and the same search configuration).
 * A value: equal sets are equal, and it travels to Spark executors as its names (serialized as
 * {@link #describe()}, rebuilt from the registry on arrival).
 */
public final class Proxies implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The default set: the published score, the two cheapest data-driven proxies, and the size baselines. */
    public static final String DEFAULT = "ridge,naswot,synflow,params,macs";

    private static final List<Proxy> ALL = List.of(new RidgeProxy(), new NaswotProxy(), new SynflowProxy(),
            new GradNormProxy(), new SnipProxy(), new JacobCovProxy(), new ZicoProxy(), new ShapeProxies.Params(),
            new ShapeProxies.Macs(), new ShapeProxies.Features());

    private static final Proxies NONE = new Proxies(List.of());

    private final transient List<Proxy> chosen;
    private final String names; // the canonical list: what is serialized and compared

    private Proxies(List<Proxy> chosen) {
        this.chosen = List.copyOf(chosen);
        this.names = chosen.stream().map(Proxy::name).collect(Collectors.joining(","));
    }

    /** After deserialization: the same set, its proxies from this JVM's registry. */
    private Object readResolve() {
        return names.isEmpty() ? NONE : parse(names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Proxies p && p.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    /** Every proxy's name, in registry order. */
    public static List<String> allNames() {
        return ALL.stream().map(Proxy::name).toList();
    }

    /** No proxies (probers that only run the ridge probe, as before). */
    public static Proxies none() {
        return NONE;
    }

    public static Proxies defaults() {
        return parse(DEFAULT);
    }

    /**
     * A comma-separated list of names, {@code all}, or {@code none} (the ridge probe alone, nothing
     * stored as proxies: how searches ran before proxies existed, so such runs resume); unknown names
     * are a {@link UserException} listing the valid ones. Duplicates collapse; order does not matter.
     */
    public static Proxies parse(String list) {
        String t = list == null ? "" : list.trim().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return new Proxies(ALL);
        }
        if (t.equals("none")) {
            return NONE;
        }
        List<String> wanted = new ArrayList<>();
        for (String part : t.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!allNames().contains(name)) {
                throw new UserException("--proxies: unknown proxy '" + name + "'; valid: "
                        + String.join(", ", allNames()) + " (or all, none)");
            }
            wanted.add(name);
        }
        if (wanted.isEmpty()) {
            throw new UserException("--proxies: empty list; valid: " + String.join(", ", allNames()) + " (or all, none)");
        }
        return new Proxies(ALL.stream().filter(p -> wanted.contains(p.name())).toList());
    }

    public List<String> names() {
        return chosen.stream().map(Proxy::name).toList();
    }

    public boolean isEmpty() {
        return chosen.isEmpty();
    }

    public boolean contains(String name) {
        return chosen.stream().anyMatch(p -> p.name().equals(name));
    }

    /** Whether any chosen proxy takes float32 gradients (and so needs oneDNN's AVX cap; docs/design.md). */
    public boolean float32Gradients() {
        return chosen.stream().anyMatch(p -> p.gradients() == Proxy.Gradients.FLOAT32);
    }

    /** True if a chosen proxy takes float64 gradients (synflow), which libtorch computes without oneDNN. */
    public boolean float64Gradients() {
        return chosen.stream().anyMatch(p -> p.gradients() == Proxy.Gradients.FLOAT64);
    }

    /** The canonical list ("ridge,naswot,..." in registry order). */
    public String describe() {
        return names;
    }

    /** Every chosen proxy's score on {@code in}, by name. */
    public Map<String, Double> scores(ProxyInput in) {
        Map<String, Double> out = new TreeMap<>();
        for (Proxy p : chosen) {
            out.put(p.name(), p.score(in));
        }
        return out;
    }

    /**
     * For a trial cut before its features: the chosen proxies that need no network run (the shape
     * counts) and {@code ridge} as NaN (no ridge fit), so the trial still carries every free score.
     */
    public Map<String, Double> withoutNetwork(io.convprobe.arch.ArchSummary s) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String n : names()) {
            switch (n) {
                case "ridge" -> out.put(n, Double.NaN);
                case "params" -> out.put(n, (double) s.params());
                case "macs" -> out.put(n, (double) s.macs());
                case "features" -> out.put(n, (double) s.features());
                default -> { }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return chosen.stream().map(Proxy::name).collect(Collectors.joining(","));
    }
}
