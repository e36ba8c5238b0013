package io.convprobe.predict;

import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Nb201Notation;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.arch.SpecFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The architecture as numbers a model can learn from, fitted on the screened population so the
 * one-hot vocabularies are the population's.
 *
 * <ul>
 *   <li>{@code nb201:} cells: one-hot of the op on each of the six edges, all five ops
 *       ({@code edge0=none} … {@code edge5=avg_pool_3x3}: 30 columns, the space's own vocabulary).
 *   <li>chains: layers are aligned by their ordinal within their kind (the 2nd conv with the 2nd conv,
 *       whatever sits between), and each layer contributes a presence token ({@code conv1}) and one
 *       token per choice it holds ({@code conv1.kernel=3}, {@code conv1.stride=2}, {@code act0=relu},
 *       {@code pool0.kind=max} …). A column is a token seen in the population but not in every
 *       network of it (a constant column carries nothing). Plus {@code depth}: the number of convs,
 *       scaled to [0, 1] over the population's range (left out when every network has the same).
 * </ul>
 *
 * A token the population never showed encodes as nothing (no column).
 */
public final class ArchEncoding {
    private static final String DEPTH = "depth";

    private final List<String> names;
    private final Map<String, Integer> column;
    private final int minDepth;
    private final int maxDepth;

    private ArchEncoding(List<String> names, int minDepth, int maxDepth) {
        this.names = List.copyOf(names);
        this.column = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            column.put(names.get(i), i);
        }
        this.minDepth = minDepth;
        this.maxDepth = maxDepth;
    }

    /** Fits on the population's specs (chain specs in any {@link SpecFormat} form, or {@code nb201:} specs). */
    public static ArchEncoding fit(List<String> specs) {
        boolean cells = false;
        Map<String, Integer> seen = new LinkedHashMap<>();
        int chains = 0;
        int minDepth = Integer.MAX_VALUE;
        int maxDepth = Integer.MIN_VALUE;
        for (String s : specs) {
            if (Nb201Notation.matches(s.trim())) {
                cells = true;
                continue;
            }
            ArchSpec spec = SpecFormat.parse(s);
            chains++;
            for (String t : new TreeSet<>(chainTokens(spec))) {
                seen.merge(t, 1, Integer::sum);
            }
            int d = spec.convs().size();
            minDepth = Math.min(minDepth, d);
            maxDepth = Math.max(maxDepth, d);
        }
        List<String> names = new ArrayList<>();
        if (cells) {
            for (int e = 0; e < 6; e++) {
                for (Nb201Spec.Op op : Nb201Spec.Op.values()) {
                    names.add(edgeToken(e, op));
                }
            }
        }
        final int n = chains;
        names.addAll(new TreeSet<>(seen.entrySet().stream().filter(x -> x.getValue() < n).map(Map.Entry::getKey)
                .toList()));
        if (chains > 0 && maxDepth > minDepth) {
            names.add(DEPTH);
        }
        return new ArchEncoding(names, minDepth, maxDepth);
    }

    public double[] encode(String spec) {
        double[] out = new double[names.size()];
        String s = spec.trim();
        if (Nb201Notation.matches(s)) {
            List<Nb201Spec.Op> ops = Nb201Notation.parse(s).ops();
            for (int e = 0; e < ops.size(); e++) {
                set(out, edgeToken(e, ops.get(e)), 1);
            }
            return out;
        }
        ArchSpec chain = SpecFormat.parse(s);
        for (String t : chainTokens(chain)) {
            set(out, t, 1);
        }
        Integer d = column.get(DEPTH);
        if (d != null) {
            out[d] = (double) (chain.convs().size() - minDepth) / (maxDepth - minDepth);
        }
        return out;
    }

    /** The column names, in {@link #encode}'s order. */
    public List<String> names() {
        return names;
    }

    private void set(double[] out, String token, double v) {
        Integer i = column.get(token);
        if (i != null) {
            out[i] = v;
        }
    }

    private static String edgeToken(int edge, Nb201Spec.Op op) {
        return "edge" + edge + "=" + op.key();
    }

    private static String kind(Layer l) {
        if (l instanceof Layer.Conv) {
            return "conv";
        } else if (l instanceof Layer.Act) {
            return "act";
        } else if (l instanceof Layer.Pool) {
            return "pool";
        } else if (l instanceof Layer.BatchNorm) {
            return "bn";
        } else if (l instanceof Layer.Dropout) {
            return "drop";
        } else if (l instanceof Layer.Flatten) {
            return "flat";
        }
        return "fc";
    }

    /** A chain's tokens: per layer, its kind and ordinal, then each choice it holds. */
    static List<String> chainTokens(ArchSpec spec) {
        Map<String, Integer> ordinal = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (Layer l : spec.layers()) {
            String kind = kind(l);
            int k = ordinal.merge(kind, 1, Integer::sum) - 1;
            String at = kind + k;
            out.add(at);
            if (l instanceof Layer.Conv c) {
                out.add(at + ".channels=" + c.outChannels());
                out.add(at + ".kernel=" + c.kernel());
                out.add(at + ".stride=" + c.stride());
                out.add(at + ".dilation=" + c.dilation());
                out.add(at + ".padding=" + c.padding());
                out.add(at + ".bias=" + c.bias());
            } else if (l instanceof Layer.Act a) {
                out.add(at + "=" + a.fn().key());
            } else if (l instanceof Layer.Pool p) {
                out.add(at + ".kind=" + p.kind().key());
                out.add(at + ".kernel=" + p.kernel());
                out.add(at + ".stride=" + p.stride());
                out.add(at + ".padding=" + p.padding());
            } else if (l instanceof Layer.Dropout d) {
                out.add(at + ".p=" + d.p());
            } else if (l instanceof Layer.Linear f) {
                out.add(at + ".out=" + f.outFeatures());
                out.add(at + ".bias=" + f.bias());
            }
        }
        return Collections.unmodifiableList(out);
    }
}
