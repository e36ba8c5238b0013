package io.convprobe.cli;

import io.convprobe.UserException;
import io.convprobe.data.Dataset;
import io.convprobe.data.DatasetResolver;
import io.convprobe.data.FolderDataset;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.SampleGrid;
import io.convprobe.data.Split;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code convprobe datasets show NAME --out grid.png}: a labelled grid of the first images of a split. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Write a PNG grid of the first images of a split, each labelled with its class.")
public final class DatasetsShowCommand implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", paramLabel = "NAME", defaultValue = "fashion-mnist-mini",
            description = "Dataset name (default: ${DEFAULT-VALUE}).")
    String name;

    @CommandLine.Option(names = "--split", defaultValue = "train", description = "train, test or unlabeled "
            + "(default: ${DEFAULT-VALUE}).")
    String split;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG to write.")
    Path out;

    @CommandLine.Option(names = "--count", defaultValue = "40", description = "Images to show (default: ${DEFAULT-VALUE}).")
    int count;

    @CommandLine.Option(names = "--columns", defaultValue = "10", description = "Images per row (default: ${DEFAULT-VALUE}).")
    int columns;

    @Mixin DataDirOption dir;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        Split s = DatasetsCommand.parseSplit(split);
        if (count < 1 || columns < 1) {
            throw new UserException("--count and --columns must be at least 1");
        }
        FolderDataset.Size resize = dir.resize == null ? null : FolderDataset.Size.parse(dir.resize);
        try (Dataset d = DatasetResolver.standard(dir.dataDir, System.err).open(name, resize)) {
            int n = Math.min(count, d.size(s));
            if (n == 0) {
                throw new UserException("dataset " + name + " has no " + s.key() + " images");
            }
            ImageBatch batch = d.read(s, 0, n);
            int cell = Math.max(64, Math.min(128, d.imageShape().height() * 2));
            try {
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                ImageIO.write(SampleGrid.render(batch, d.classes(), columns, cell), "png", out.toFile());
            } catch (IOException e) {
                throw new UserException("cannot write " + out + ": " + e.getMessage(), e);
            }
            PrintWriter pw = spec.commandLine().getOut();
            pw.printf("wrote %s: %d %s images of %s%n", out, n, s.key(), name);
            pw.flush();
        }
        return 0;
    }
}
