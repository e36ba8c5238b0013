package io.convprobe.report;

import io.convprobe.TextTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.SpecFormat;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import java.util.List;

/** What {@code convprobe probe} prints: one architecture's trials, as a table or as JSON. */
public final class ProbeText {
    private ProbeText() {}

    /** The probe's result for {@code --json}. */
    public static ObjectNode json(String dataset, ArchSummary s, ProbeSettings settings, List<TrialResult> results) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("spec", SpecFormat.toText(s.spec()));
        o.put("dataset", dataset);
        o.put("input_shape", s.input().toString());
        o.put("train_size", settings.trainSize());
        o.put("test_size", settings.testSize());
        o.put("seed", settings.seed());
        o.put("trials", results.size());
        o.put("accuracy_mean", mean(results, TrialResult::testAccuracy));
        o.put("accuracy_min", results.stream().mapToDouble(TrialResult::testAccuracy).min().orElseThrow());
        o.put("accuracy_max", results.stream().mapToDouble(TrialResult::testAccuracy).max().orElseThrow());
        ArrayNode acc = o.putArray("accuracies");
        results.forEach(r -> acc.add(r.testAccuracy()));
        o.put("train_accuracy_mean", mean(results, TrialResult::trainAccuracy));
        ArrayNode tacc = o.putArray("train_accuracies");
        results.forEach(r -> tacc.add(r.trainAccuracy()));
        o.put("throughput", mean(results, TrialResult::throughput));
        ArrayNode thr = o.putArray("throughputs");
        results.forEach(r -> thr.add(r.throughput()));
        o.put("ridge_seconds_mean", mean(results, TrialResult::ridgeSeconds));
        o.put("ratio", s.ratio());
        o.put("params", s.params());
        o.put("macs", s.macs());
        o.put("features", s.features());
        // every requested proxy: the mean over trials, and each trial's value (null where undefined)
        ObjectNode px = o.putObject("proxies");
        ObjectNode pt = o.putObject("proxy_trials");
        for (String name : proxyNames(results)) {
            double m = proxyMean(results, name);
            if (Double.isNaN(m)) {
                px.putNull(name);
            } else {
                px.put(name, m);
            }
            ArrayNode a = pt.putArray(name);
            for (TrialResult r : results) {
                Double v = r.proxies().get(name);
                if (v == null || v.isNaN()) {
                    a.addNull();
                } else {
                    a.add(v);
                }
            }
        }
        return o;
    }

    /** The probe's result as the terminal shows it: one row per trial, the means, the proxies. */
    public static String table(String dataset, ArchSummary s, ProbeSettings settings, List<TrialResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s on %s (%d train / %d test images, seed %d)%n", SpecFormat.toText(s.spec()), dataset,
                settings.trainSize(), settings.testSize(), settings.seed()));
        sb.append(String.format("params %,d  features %,d  ratio %.7f%n", s.params(), s.features(), s.ratio()));
        TextTable t = new TextTable("trial", "accuracy", "train acc", "img/s", "ridge s");
        for (TrialResult r : results) {
            t.row(r.trial(), String.format("%.2f%%", r.testAccuracy()), String.format("%.2f%%", r.trainAccuracy()),
                    String.format("%,.0f", r.throughput()), String.format("%.3f", r.ridgeSeconds()));
        }
        sb.append(t.render());
        sb.append(String.format("mean accuracy %.2f%% (min %.2f, max %.2f)  train %.2f%%  throughput %,.0f img/s%n",
                mean(results, TrialResult::testAccuracy),
                results.stream().mapToDouble(TrialResult::testAccuracy).min().orElseThrow(),
                results.stream().mapToDouble(TrialResult::testAccuracy).max().orElseThrow(),
                mean(results, TrialResult::trainAccuracy), mean(results, TrialResult::throughput)));
        List<String> names = proxyNames(results);
        if (!names.isEmpty()) {
            sb.append("proxies (mean over trials; higher = predicted better):");
            for (String name : names) {
                double m = proxyMean(results, name);
                sb.append(String.format(java.util.Locale.ROOT, "  %s %s", name, Double.isNaN(m) ? "n/a" : String.format(
                        java.util.Locale.ROOT, m == Math.rint(m) && Math.abs(m) < 1e15 ? "%.0f" : "%.4f", m)));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static List<String> proxyNames(List<TrialResult> results) {
        return results.stream().flatMap(r -> r.proxies().keySet().stream()).distinct().sorted().toList();
    }

    /** Mean over the trials with a value (NaN values skipped), NaN when none has one. */
    private static double proxyMean(List<TrialResult> results, String name) {
        return results.stream().map(r -> r.proxies().get(name)).filter(v -> v != null && !v.isNaN())
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double mean(List<TrialResult> results, java.util.function.ToDoubleFunction<TrialResult> f) {
        return results.stream().mapToDouble(f).average().orElseThrow();
    }
}
