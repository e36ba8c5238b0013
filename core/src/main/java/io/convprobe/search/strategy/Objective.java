package io.convprobe.search.strategy;

import io.convprobe.UserException;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.Fitness;
import java.util.List;

/**
 * What a budgeted strategy maximises over a group of results (a halving rung, an evolution
 * population): {@code fitness} = the published {@code norm(accuracy) + w · norm(throughput)},
 * min-max over the group; {@code accuracy} = mean test accuracy; any other name = that stored proxy
 * ({@link ArchAggregate#proxies()}, higher = better). Missing values score −∞.
 */
public record Objective(String name, double throughputWeight) {
    public Objective {
        if (name == null || name.isBlank()) {
            throw new UserException("--objective must name fitness, accuracy or a stored proxy");
        }
    }

    /** One score per member, in order; higher is better. */
    public double[] scores(List<ArchAggregate> group) {
        double[] out = new double[group.size()];
        if (name.equals("fitness")) {
            double[] f = Fitness.of(group.stream().mapToDouble(ArchAggregate::accuracy).toArray(),
                    group.stream().mapToDouble(ArchAggregate::throughput).toArray(), throughputWeight);
            for (int i = 0; i < out.length; i++) {
                out[i] = Double.isFinite(f[i]) ? f[i] : Double.NEGATIVE_INFINITY;
            }
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            ArchAggregate a = group.get(i);
            double v;
            if (name.equals("accuracy")) {
                v = a.accuracy();
            } else {
                Double p = a.proxies().get(name);
                if (p == null && a.trials() > 0) {
                    throw new UserException("--objective " + name + ": not a stored proxy of " + a.spec()
                            + " (stored: " + String.join(", ", a.proxies().keySet()) + "; or fitness, accuracy)");
                }
                v = p == null ? Double.NaN : p;
            }
            out[i] = Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
        }
        return out;
    }

    @Override
    public String toString() {
        return name.equals("fitness") ? "fitness(w=" + throughputWeight + ")" : name;
    }
}
