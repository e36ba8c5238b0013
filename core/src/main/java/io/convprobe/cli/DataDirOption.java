package io.convprobe.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir} alone, for the dataset subcommands that take the name as a parameter. */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Look here first for dataset files (before $CONVPROBE_DATA, the cache, system folders).")
    Path dataDir;

    @Option(names = "--resize", paramLabel = "HxW", description = "folder: datasets only: scale images to HxW.")
    String resize;
}
