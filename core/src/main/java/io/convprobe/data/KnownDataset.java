package io.convprobe.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A dataset convprobe can find by name: the folder it lives in under a data directory, the files
 * that make it present, where it is published, known system install places, and how to open it.
 *
 * @param layoutDir  folder name under a data dir (as the publisher's archive unpacks it)
 * @param required   files inside that folder; an entry ending in {@code .gz?} may be plain or gzipped
 * @param systemDirs folders a system package installs the files into directly
 * @param opener     (name, folder) -> dataset
 */
public record KnownDataset(String name, String description, String layoutDir, List<String> required,
        List<Remote> remotes, List<Path> systemDirs, BiFunction<String, Path, Dataset> opener) {

    public KnownDataset {
        required = List.copyOf(required);
        remotes = List.copyOf(remotes);
        systemDirs = List.copyOf(systemDirs);
    }

    /** True when every required file exists in {@code dir} (only final names: never {@code *.part}). */
    public boolean presentIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        for (String r : required) {
            if (r.endsWith(".gz?")) {
                String stem = r.substring(0, r.length() - 4);
                if (!Files.isRegularFile(dir.resolve(stem)) && !Files.isRegularFile(dir.resolve(stem + ".gz"))) {
                    return false;
                }
            } else if (!Files.isRegularFile(dir.resolve(r))) {
                return false;
            }
        }
        return true;
    }

    public KnownDataset withSystemDirs(List<Path> dirs) {
        return new KnownDataset(name, description, layoutDir, required, remotes, dirs, opener);
    }

    public KnownDataset withRemotes(List<Remote> other) {
        return new KnownDataset(name, description, layoutDir, required, other, systemDirs, opener);
    }
}
