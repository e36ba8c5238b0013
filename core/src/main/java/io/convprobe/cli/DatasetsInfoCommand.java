package io.convprobe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.convprobe.data.Dataset;
import io.convprobe.data.DatasetResolver;
import io.convprobe.data.FolderDataset;
import io.convprobe.data.Split;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code convprobe datasets info NAME [--json]}: shape, classes, counts per split and per class. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Image shape, classes, and image counts per split and per class.")
public final class DatasetsInfoCommand implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", paramLabel = "NAME", defaultValue = "fashion-mnist-mini",
            description = "Dataset name (default: ${DEFAULT-VALUE}).")
    String name;

    @CommandLine.Option(names = "--json", description = "Print JSON (keys: name, shape, classes, train, test, "
            + "unlabeled, per_class).")
    boolean json;

    @Mixin DataDirOption dir;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        FolderDataset.Size resize = dir.resize == null ? null : FolderDataset.Size.parse(dir.resize);
        try (Dataset d = DatasetResolver.standard(dir.dataDir, System.err).open(name, resize)) {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", d.name());
            info.put("shape", List.of(d.imageShape().channels(), d.imageShape().height(), d.imageShape().width()));
            info.put("classes", d.classes());
            Map<String, List<Integer>> perClass = new LinkedHashMap<>();
            for (Split s : Split.values()) {
                if (s != Split.UNLABELED || d.size(s) > 0) {
                    info.put(s.key(), d.size(s));
                }
                if (s != Split.UNLABELED && d.size(s) > 0) {
                    perClass.put(s.key(), counts(d.labels(s), d.classes().size()));
                }
            }
            info.put("per_class", perClass);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(info));
            } else {
                out.printf("%s: %s images (CxHxW), %d classes%n", d.name(), d.imageShape(), d.classes().size());
                out.printf("train %d, test %d%s%n", d.size(Split.TRAIN), d.size(Split.TEST),
                        d.size(Split.UNLABELED) > 0 ? ", unlabeled " + d.size(Split.UNLABELED) : "");
                out.printf("%-4s %-22s %8s %8s%n", "id", "class", "train", "test");
                for (int c = 0; c < d.classes().size(); c++) {
                    out.printf("%-4d %-22s %8s %8s%n", c, d.classes().get(c), cell(perClass, "train", c),
                            cell(perClass, "test", c));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String cell(Map<String, List<Integer>> perClass, String split, int c) {
        List<Integer> l = perClass.get(split);
        return l == null ? "-" : String.valueOf(l.get(c));
    }

    private static List<Integer> counts(int[] labels, int classes) {
        int[] n = new int[classes];
        for (int l : labels) {
            if (l >= 0 && l < classes) {
                n[l]++;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int v : n) {
            out.add(v);
        }
        return out;
    }
}
