package io.convprobe.search;

import io.convprobe.UserException;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.csv}: one row per architecture with at least one trial, in search order. Columns:
 * {@code id, space_index, spec, status, trials, kernel_size-0.., stride-0.., dilation-0..,
 * accuracy, min_accuracy, max_accuracy, std_accuracy, train_accuracy, throughput, ratio, params,
 * macs, features, train_time, fitness, proxy_<name>..} — the proxy columns one per stored proxy
 * (sorted by name; the mean over the trials that have a value, empty when none has), the layer columns as many as the deepest architecture
 * (empty for shallower ones), {@code train_time} the mean ridge fit seconds, {@code fitness} empty
 * unless fully tested. Written to a temporary file and moved into place, so readers never see half
 * a file.
 */
public final class ResultsCsv {
    public static final String FILE = "results.csv";

    private ResultsCsv() {}

    public static List<String> header(int layers) {
        return header(layers, List.of());
    }

    /** The header with a {@code proxy_<name>} column per stored proxy (after {@code fitness}). */
    public static List<String> header(int layers, List<String> proxies) {
        List<String> h = new ArrayList<>(List.of("id", "space_index", "spec", "status", "trials"));
        for (String p : List.of("kernel_size", "stride", "dilation")) {
            for (int i = 0; i < layers; i++) {
                h.add(p + "-" + i);
            }
        }
        h.addAll(List.of("accuracy", "min_accuracy", "max_accuracy", "std_accuracy", "train_accuracy", "throughput",
                "ratio", "params", "macs", "features", "train_time", "fitness"));
        proxies.forEach(p -> h.add("proxy_" + p));
        return h;
    }

    public static void write(Path file, List<ArchAggregate> archs) {
        int layers = archs.stream().mapToInt(a -> a.kernels().size()).max().orElse(0);
        List<String> proxies = archs.stream().flatMap(a -> a.proxies().keySet().stream()).distinct().sorted().toList();
        writeAtomically(file, w -> {
            w.write(String.join(",", header(layers, proxies)));
            w.write('\n');
            for (ArchAggregate a : archs) {
                List<String> c = new ArrayList<>();
                c.add(Long.toString(a.id()));
                c.add(a.spaceIndex() < 0 ? "" : Long.toString(a.spaceIndex()));
                c.add(quote(a.spec()));
                c.add(a.status().name());
                c.add(Integer.toString(a.trials()));
                for (List<Integer> col : List.of(a.kernels(), a.strides(), a.dilations())) {
                    for (int i = 0; i < layers; i++) {
                        c.add(i < col.size() ? col.get(i).toString() : "");
                    }
                }
                for (double d : new double[] {a.accuracy(), a.minAccuracy(), a.maxAccuracy(), a.stdAccuracy(),
                        a.trainAccuracy(), a.throughput(), a.ratio()}) {
                    c.add(num(d));
                }
                c.add(Long.toString(a.params()));
                c.add(Long.toString(a.macs()));
                c.add(Long.toString(a.features()));
                c.add(num(a.ridgeSeconds()));
                c.add(num(a.fitness()));
                for (String p : proxies) {
                    Double v = a.proxies().get(p);
                    c.add(v == null ? "" : num(v));
                }
                w.write(String.join(",", c));
                w.write('\n');
            }
        });
    }

    /** The body of a file write; may throw {@link IOException}. */
    @FunctionalInterface
    public interface Body {
        void write(Writer w) throws IOException;
    }

    /**
     * Writes {@code file} through a temporary sibling moved into place, so a crash never leaves half
     * a file; a failure is a one-line {@link UserException} naming the file.
     */
    public static void writeAtomically(Path file, Body body) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            body.write(w);
        } catch (IOException e) {
            throw new UserException("cannot write " + tmp + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Shortest exact decimal of the double, no exponent; empty for NaN. */
    static String num(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "";
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
