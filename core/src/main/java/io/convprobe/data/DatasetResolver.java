package io.convprobe.data;

import io.convprobe.UserException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a dataset name into a {@link Dataset}. Order: the embedded sample and {@code folder:PATH}
 * directly; otherwise {@code --data-dir}, {@code $CONVPROBE_DATA}, the user cache, known system
 * folders, and finally a download into the cache (unless offline). A download is staged in a
 * private folder of the cache, checked (checksums, then the reader's own checks), and only then
 * renamed into place, so the cache never holds a partial or unverified dataset.
 */
public final class DatasetResolver {
    /** System property that forbids network access ({@code true}); env {@code CONVPROBE_OFFLINE=1} likewise. */
    public static final String OFFLINE_PROPERTY = "convprobe.offline";

    /**
     * Where to look.
     *
     * @param dataDir    {@code --data-dir}, or null
     * @param envDataDir {@code $CONVPROBE_DATA}, or null
     * @param cacheDir   the user cache; downloads go here
     * @param offline    never touch the network
     */
    public record Locations(Path dataDir, Path envDataDir, Path cacheDir, boolean offline) {
        /** The real environment: $CONVPROBE_DATA, $XDG_CACHE_HOME or ~/.cache, the offline switches. */
        public static Locations fromEnvironment(Path dataDirOrNull) {
            String env = System.getenv("CONVPROBE_DATA");
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path cache = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("convprobe");
            return new Locations(dataDirOrNull, env == null || env.isBlank() ? null : Path.of(env), cache, offlineRequested());
        }
    }

    /** Where a known dataset stands here: the folder holding it (or empty) and in which layout. */
    public record Availability(String name, String description, Optional<String> where, Optional<String> layout) {}

    /** A dataset found on disk: the folder (or archive), the layout's name, and how to open it. */
    public record Found(Path path, String layout, java.util.function.BiFunction<String, Path, Dataset> opener) {}

    private final Catalog catalog;
    private final Locations locations;
    private final Downloader downloader;

    public DatasetResolver(Catalog catalog, Locations locations, Downloader downloader) {
        this.catalog = catalog;
        this.locations = locations;
        this.downloader = downloader;
    }

    /** The usual resolver: standard catalogue, real environment, progress on {@code progressOrNull}. */
    public static DatasetResolver standard(Path dataDirOrNull, PrintStream progressOrNull) {
        return new DatasetResolver(Catalog.standard(), Locations.fromEnvironment(dataDirOrNull),
                new Downloader(progressOrNull, 30_000));
    }

    public static boolean offlineRequested() {
        String env = System.getenv("CONVPROBE_OFFLINE");
        return Boolean.getBoolean(OFFLINE_PROPERTY)
                || (env != null && (env.equals("1") || env.equalsIgnoreCase("true")));
    }

    public Catalog catalog() {
        return catalog;
    }

    public Dataset open(String name) {
        return open(name, null);
    }

    /** Opens a dataset by name; {@code resizeOrNull} applies to {@code folder:} sets only. */
    public Dataset open(String name, FolderDataset.Size resizeOrNull) {
        if (name.equals(Catalog.EMBEDDED)) {
            return EmbeddedSample.open();
        }
        if (name.startsWith(RandomImages.PREFIX)) {
            return RandomImages.parse(name);
        }
        if (name.startsWith("folder:")) {
            Path root = Path.of(name.substring("folder:".length()));
            if (!Files.isDirectory(root)) {
                throw new UserException("dataset " + name + ": " + root + " is not a directory; expected"
                        + " ROOT/train/<class>/*.png and ROOT/test/<class>/*.png");
            }
            return new FolderDataset(name, root, resizeOrNull);
        }
        KnownDataset k = catalog.get(name);
        Optional<Found> found = find(k);
        if (found.isPresent()) {
            return found.get().opener().apply(name, found.get().path());
        }
        return k.opener().apply(name, fetch(k));
    }

    /** The folder holding the dataset, downloading it into the cache first if needed and allowed. */
    public Path fetch(KnownDataset k) {
        Optional<Path> found = candidates(k).stream().filter(k::presentIn).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        if (locations.offline()) {
            throw new UserException(notFound(k, "offline (" + OFFLINE_PROPERTY + " or CONVPROBE_OFFLINE=1), so nothing"
                    + " was downloaded"));
        }
        try {
            return download(k);
        } catch (UserException e) {
            throw new UserException(e.getMessage() + ". " + notFound(k, "the download failed"), e);
        }
    }

    /** Known datasets and where each is, without downloading anything. */
    public List<Availability> availability() {
        List<Availability> out = new ArrayList<>();
        out.add(new Availability(Catalog.EMBEDDED, "Fashion-MNIST first 1,000/1,000, shipped with convprobe (default)",
                Optional.of("embedded"), Optional.empty()));
        for (KnownDataset k : catalog.all()) {
            Optional<Found> f = find(k);
            out.add(new Availability(k.name(), k.description(), f.map(x -> x.path().toString()), f.map(Found::layout)));
        }
        return out;
    }

    /** The first candidate folder that holds all of the dataset's files. */
    public Optional<Path> locate(KnownDataset k) {
        return find(k).map(Found::path);
    }

    /**
     * The first place holding the dataset, in {@link #candidates} order, where each data dir is tried
     * in convprobe's layout, then as the dataset's own folder, then as a torchvision root
     * ({@link TorchvisionLayout}); then the cache and system folders.
     */
    public Optional<Found> find(KnownDataset k) {
        String own = "convprobe/publisher (" + k.layoutDir() + "/)";
        for (Path base : new Path[] {locations.dataDir(), locations.envDataDir()}) {
            if (base == null) {
                continue;
            }
            for (Path p : List.of(base.resolve(k.layoutDir()), base)) {
                if (k.presentIn(p)) {
                    return Optional.of(new Found(p, own, k.opener()));
                }
            }
            for (TorchvisionLayout t : TorchvisionLayout.of(k.name())) {
                Path p = base.resolve(t.path());
                if (t.presentIn(p)) {
                    return Optional.of(new Found(p, t.label(), t.opener()));
                }
                if (!t.archive() && t.presentIn(base)) { // pointed straight at e.g. cifar-10-batches-py/
                    return Optional.of(new Found(base, t.label(), t.opener()));
                }
            }
        }
        for (Path p : candidates(k)) {
            if (k.presentIn(p)) {
                return Optional.of(new Found(p, k.systemDirs().contains(p) ? "system package" : own, k.opener()));
            }
        }
        return Optional.empty();
    }

    /** Every folder searched, in order. */
    public List<Path> candidates(KnownDataset k) {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        for (Path base : new Path[] {locations.dataDir(), locations.envDataDir()}) {
            if (base != null) {
                dirs.add(base.resolve(k.layoutDir()));
                dirs.add(base); // the user may point straight at the dataset's own folder
            }
        }
        dirs.add(locations.cacheDir().resolve(k.layoutDir()));
        dirs.addAll(k.systemDirs());
        return List.copyOf(dirs);
    }

    private String notFound(KnownDataset k, String why) {
        StringBuilder sb = new StringBuilder("dataset '" + k.name() + "' not found; looked in: ");
        sb.append(String.join(", ", candidates(k).stream().map(Path::toString).toList()));
        List<TorchvisionLayout> tv = TorchvisionLayout.of(k.name());
        if (!tv.isEmpty() && (locations.dataDir() != null || locations.envDataDir() != null)) {
            sb.append(" (and torchvision's ").append(String.join(", ", tv.stream().map(TorchvisionLayout::path).toList()))
                    .append(" under the data dirs)");
        }
        if (locations.dataDir() == null) {
            sb.append("; no --data-dir given");
        }
        if (locations.envDataDir() == null) {
            sb.append("; $CONVPROBE_DATA not set");
        }
        sb.append("; ").append(why).append(". To provide it: run 'convprobe datasets fetch ").append(k.name())
                .append("' with network access, or download ");
        sb.append(String.join(", ", k.remotes().stream().map(r -> r.urls().get(0) + " (MD5 " + r.md5() + ")").toList()));
        sb.append(k.remotes().stream().anyMatch(Remote::archive) ? ", unpack it in DIR so that DIR/" : " into DIR/");
        sb.append(k.layoutDir()).append('/').append(k.required().get(0).replace(".gz?", ".gz"))
                .append(" exists, and pass --data-dir DIR or set CONVPROBE_DATA=DIR");
        return sb.toString();
    }

    private Path download(KnownDataset k) {
        Path cache = locations.cacheDir();
        Path target = cache.resolve(k.layoutDir());
        if (Files.exists(target)) {
            throw new UserException("cache folder " + target + " exists but lacks some of " + k.required()
                    + "; remove it and fetch again");
        }
        Path staging;
        try {
            Files.createDirectories(cache);
            removeStaleStaging(cache, k);
            staging = Files.createTempDirectory(cache, ".staging-" + k.layoutDir() + "-");
        } catch (IOException e) {
            throw new UserException("cannot create the cache folder " + cache + ": " + e.getMessage(), e);
        }
        try {
            Path stagedLayout = staging.resolve(k.layoutDir());
            for (Remote r : k.remotes()) {
                if (r.archive()) {
                    Path archive = staging.resolve(r.fileName());
                    downloader.fetch(r, archive);
                    TarGz.extract(archive, staging);
                    Files.delete(archive);
                } else {
                    downloader.fetch(r, stagedLayout.resolve(r.fileName()));
                }
            }
            if (!k.presentIn(stagedLayout)) {
                throw new UserException("the download of " + k.name() + " did not produce " + k.layoutDir() + "/"
                        + k.required() + "; expected the publisher's layout");
            }
            // The readers' structural checks, before anything becomes visible in the cache.
            try (Dataset d = k.opener().apply(k.name(), stagedLayout)) {
                for (Split s : Split.values()) {
                    if (d.size(s) > 0) {
                        d.read(s, d.size(s) - 1, d.size(s));
                    }
                }
            }
            Downloader.move(stagedLayout, target);
            return target;
        } catch (IOException e) {
            throw new UserException("cannot store " + k.name() + " in " + cache + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    /** Staging folders left by an interrupted run: a fresh fetch starts over. */
    private static void removeStaleStaging(Path cache, KnownDataset k) throws IOException {
        try (Stream<Path> s = Files.list(cache)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".staging-" + k.layoutDir() + "-")).toList()) {
                deleteTree(p);
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Best effort: a leftover staging folder is removed by the next fetch.
        }
    }
}
