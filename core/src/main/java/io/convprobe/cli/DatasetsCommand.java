package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.data.DatasetResolver;
import io.convprobe.data.Split;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code convprobe datasets}: without a subcommand, lists the known datasets and where each is. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = "List, fetch, describe and preview datasets.",
        subcommands = {DatasetsFetchCommand.class, DatasetsInfoCommand.class, DatasetsShowCommand.class})
public final class DatasetsCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR",
            description = "Also look here (convprobe's layout, or a torchvision root: cifar-10-batches-py/, MNIST/raw/, ...).")
    java.nio.file.Path dataDir;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DatasetResolver resolver = DatasetResolver.standard(dataDir, null);
        out.printf("%-20s %-10s %s%n", "NAME", "STATUS", "DESCRIPTION / LOCATION");
        for (DatasetResolver.Availability a : resolver.availability()) {
            out.printf("%-20s %-10s %s%n", a.name(), a.where().isPresent() ? "available" : "missing", a.description());
            a.where().filter(w -> !w.equals("embedded")).ifPresent(w -> out.printf("%-20s %-10s   at %s%s%n", "", "", w,
                    a.layout().map(l -> "  [" + l + "]").orElse("")));
        }
        out.println("Also: folder:PATH (PATH/train/<class>/*.png|jpg, PATH/test/<class>/...), random:CxHxW[:N] (seeded noise, for timing).");
        out.println("Missing ones are downloaded on first use or with 'convprobe datasets fetch NAME'"
                + (DatasetResolver.offlineRequested() ? " (offline now: downloads disabled)." : "."));
        out.flush();
        return 0;
    }

    /** Parses {@code train}, {@code test} or {@code unlabeled}. */
    static Split parseSplit(String text) {
        try {
            return Split.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserException("split '" + text + "': expected train, test or unlabeled");
        }
    }
}
