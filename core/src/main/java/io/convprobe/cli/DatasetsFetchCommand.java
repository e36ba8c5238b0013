package io.convprobe.cli;

import io.convprobe.data.Dataset;
import io.convprobe.data.DatasetResolver;
import io.convprobe.data.Split;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code convprobe datasets fetch NAME}: make a dataset available (download once, verify, cache). */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Find NAME locally or download it once into the cache, verified.")
public final class DatasetsFetchCommand implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", paramLabel = "NAME", description = "Dataset name.")
    String name;

    @Mixin DataDirOption dir;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Dataset d = DatasetResolver.standard(dir.dataDir, System.err).open(name)) {
            out.printf("%s: %s, %d train, %d test%s%n", name, d.imageShape(), d.size(Split.TRAIN), d.size(Split.TEST),
                    d.size(Split.UNLABELED) > 0 ? ", " + d.size(Split.UNLABELED) + " unlabeled" : "");
        }
        out.flush();
        return 0;
    }
}
