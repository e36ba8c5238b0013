package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.convprobe.UserException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver and downloader with no network: a local HTTP server on 127.0.0.1 serves the files. */
class DatasetResolverTest {
    @TempDir Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    /** Paths whose next response is cut short after half the bytes (an interrupted download). */
    private final Map<String, Boolean> cutOnce = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            String path = ex.getRequestURI().getPath().substring(1);
            byte[] body = served.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                if (cutOnce.remove(path) != null) {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    ex.getHttpContext().getServer(); // then drop the connection
                    throw new IOException("simulated cut");
                }
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI url(String file) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + file);
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private DatasetResolver resolver(Catalog catalog, Path dataDir, Path env, boolean offline, PrintStream progress) {
        return new DatasetResolver(catalog, new DatasetResolver.Locations(dataDir, env, tmp.resolve("cache"), offline),
                new Downloader(progress, 5000));
    }

    /** Fashion-MNIST with no system dirs (so the real Debian install does not interfere) and given remotes. */
    private static Catalog fashion(List<Path> systemDirs, List<Remote> remotes) {
        Catalog std = Catalog.standard();
        KnownDataset k = std.get("fashion-mnist").withSystemDirs(systemDirs);
        return std.with(remotes == null ? k : k.withRemotes(remotes));
    }

    /** Serves a small valid MNIST layout under the published names and returns matching remotes. */
    private List<Remote> serveSmallFashion(boolean wrongSum) throws Exception {
        Path src = TestFiles.writeMnist(tmp.resolve("src"), 20, 10, 28, 28, true);
        List<Remote> remotes = new ArrayList<>();
        for (Remote r : Catalog.standard().get("fashion-mnist").remotes()) {
            byte[] body = Files.readAllBytes(src.resolve(r.fileName()));
            served.put(r.fileName(), body);
            String sum = wrongSum && r.fileName().startsWith("t10k-images") ? "0".repeat(32) : md5(body);
            remotes.add(new Remote(r.fileName(), List.of(url(r.fileName())), sum, false));
        }
        return remotes;
    }

    @Test
    void dataDirThenEnvThenCacheThenSystem() throws Exception {
        Path data = TestFiles.writeMnist(tmp.resolve("data/fashion-mnist"), 3, 2, 4, 4, true);
        Path env = TestFiles.writeMnist(tmp.resolve("env/fashion-mnist"), 4, 2, 4, 4, true);
        Path cache = TestFiles.writeMnist(tmp.resolve("cache/fashion-mnist"), 5, 2, 4, 4, true);
        Path sys = TestFiles.writeMnist(tmp.resolve("usr/share/datasets/fashion-mnist"), 6, 2, 4, 4, true);
        Catalog c = fashion(List.of(sys), null);
        assertThat(resolver(c, tmp.resolve("data"), tmp.resolve("env"), true, null).open("fashion-mnist")
                .size(Split.TRAIN)).isEqualTo(3);
        assertThat(resolver(c, null, tmp.resolve("env"), true, null).open("fashion-mnist").size(Split.TRAIN)).isEqualTo(4);
        assertThat(resolver(c, null, null, true, null).open("fashion-mnist").size(Split.TRAIN)).isEqualTo(5);
        DatasetResolver.deleteTree(cache);
        assertThat(resolver(c, null, null, true, null).open("fashion-mnist").size(Split.TRAIN)).isEqualTo(6);
        // --data-dir may also point straight at the dataset's own folder.
        assertThat(resolver(c, env, null, true, null).open("fashion-mnist").size(Split.TRAIN)).isEqualTo(4);
        assertThat(data).exists();
        assertThat(requests.get()).isZero();
    }

    @Test
    void offlineAndMissingListsWhereItLookedAndHowToProvide() {
        Path sys = tmp.resolve("sys");
        DatasetResolver r = resolver(fashion(List.of(sys), null), tmp.resolve("dd"), null, true, null);
        assertThatThrownBy(() -> r.open("fashion-mnist")).isInstanceOf(UserException.class)
                .hasMessageContaining("dataset 'fashion-mnist' not found")
                .hasMessageContaining(tmp.resolve("dd/fashion-mnist").toString())
                .hasMessageContaining(tmp.resolve("cache/fashion-mnist").toString())
                .hasMessageContaining(sys.toString())
                .hasMessageContaining("$CONVPROBE_DATA not set")
                .hasMessageContaining("offline")
                .hasMessageContaining("convprobe datasets fetch fashion-mnist")
                .hasMessageContaining("train-images-idx3-ubyte.gz");
        assertThat(requests.get()).isZero();
    }

    @Test
    void incompleteFolderIsNotTakenForTheDataset() throws Exception {
        Path cache = TestFiles.writeMnist(tmp.resolve("cache/fashion-mnist"), 3, 2, 4, 4, true);
        Files.move(cache.resolve("t10k-labels-idx1-ubyte.gz"), cache.resolve("t10k-labels-idx1-ubyte.gz.part"));
        DatasetResolver r = resolver(fashion(List.of(), null), null, null, true, null);
        assertThatThrownBy(() -> r.open("fashion-mnist")).isInstanceOf(UserException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void downloadsVerifiesAndMovesIntoTheCache() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DatasetResolver r = resolver(fashion(List.of(), serveSmallFashion(false)), null, null, false,
                new PrintStream(progress, true));
        Dataset d = r.open("fashion-mnist");
        assertThat(d.size(Split.TRAIN)).isEqualTo(20);
        assertThat(d.read(Split.TEST, 9, 10).pixel(0, 0, 27, 27)).isEqualTo(TestFiles.value(9, 27, 27));
        Path cached = tmp.resolve("cache/fashion-mnist");
        assertThat(cached.resolve("train-images-idx3-ubyte.gz")).exists();
        assertThat(progress.toString()).contains("train-images-idx3-ubyte.gz").contains("100%");
        try (Stream<Path> s = Files.walk(tmp.resolve("cache"))) {
            assertThat(s.map(Path::toString)).noneMatch(p -> p.endsWith(".part") || p.contains(".staging-"));
        }
        int before = requests.get();
        assertThat(r.open("fashion-mnist").size(Split.TRAIN)).isEqualTo(20); // a cache hit: no new request
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void checksumMismatchCachesNothing() throws Exception {
        DatasetResolver r = resolver(fashion(List.of(), serveSmallFashion(true)), null, null, false, null);
        assertThatThrownBy(() -> r.open("fashion-mnist")).isInstanceOf(UserException.class)
                .hasMessageContaining("checksum mismatch for t10k-images-idx3-ubyte.gz")
                .hasMessageContaining("expected the published " + "0".repeat(32));
        assertCacheEmpty();
    }

    @Test
    void interruptedDownloadCachesNothingAndARetryStartsClean() throws Exception {
        List<Remote> remotes = serveSmallFashion(false);
        cutOnce.put("train-labels-idx1-ubyte.gz", true);
        DatasetResolver r = resolver(fashion(List.of(), remotes), null, null, false, null);
        assertThatThrownBy(() -> r.open("fashion-mnist")).isInstanceOf(UserException.class)
                .hasMessageContaining("could not download train-labels-idx1-ubyte.gz");
        assertCacheEmpty();
        // A stale half-written staging folder and .part, as a killed process would leave them.
        Path stale = tmp.resolve("cache/.staging-fashion-mnist-123/fashion-mnist");
        Files.createDirectories(stale);
        Files.write(stale.resolve("train-images-idx3-ubyte.gz.part"), new byte[] {1, 2, 3});
        assertThat(r.open("fashion-mnist").size(Split.TEST)).isEqualTo(10);
        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("fashion-mnist");
        }
    }

    @Test
    void archiveDatasetIsUnpackedIntoPlace() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        byte[] rec = new byte[3073];
        rec[0] = 7;
        rec[1 + 1024 + 5] = (byte) 200; // green, row 0, column 5
        for (String f : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
                "test_batch")) {
            entries.put("cifar-10-batches-bin/" + f + ".bin", rec);
        }
        entries.put("cifar-10-batches-bin/readme.html", "<p>hi</p>".getBytes());
        byte[] archive = TestFiles.tarGz(entries);
        served.put("cifar-10-binary.tar.gz", archive);
        Catalog std = Catalog.standard();
        KnownDataset k = std.get("cifar10");
        Remote real = k.remotes().get(0);
        Catalog c = std.with(k.withRemotes(List.of(new Remote(real.fileName(), List.of(url(real.fileName())),
                md5(archive), true))));
        Dataset d = resolver(c, null, null, false, null).open("cifar10");
        assertThat(d.size(Split.TRAIN)).isEqualTo(5);
        ImageBatch b = d.read(Split.TEST, 0, 1);
        assertThat(b.labels()).containsExactly(7);
        assertThat(b.pixel(0, 1, 0, 5)).isEqualTo(200);
        try (Stream<Path> s = Files.list(tmp.resolve("cache"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("cifar-10-batches-bin");
        }
    }

    @Test
    void corruptDownloadThatPassesItsChecksumIsStillNotCached() throws Exception {
        // A server whose published sum matches a broken file: the reader's checks stop it.
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String f : List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5",
                "test_batch")) {
            entries.put("cifar-10-batches-bin/" + f + ".bin", new byte[100]);
        }
        byte[] archive = TestFiles.tarGz(entries);
        served.put("c.tar.gz", archive);
        KnownDataset k = Catalog.standard().get("cifar10");
        Catalog c = Catalog.standard().with(k.withRemotes(List.of(new Remote("c.tar.gz", List.of(url("c.tar.gz")),
                md5(archive), true))));
        assertThatThrownBy(() -> resolver(c, null, null, false, null).open("cifar10"))
                .isInstanceOf(UserException.class).hasMessageContaining("multiple of 3073");
        assertCacheEmpty();
    }

    @Test
    void fileUrlsWorkToo() throws Exception {
        List<Remote> remotes = new ArrayList<>();
        Path src = TestFiles.writeMnist(tmp.resolve("src"), 2, 2, 3, 3, true);
        for (Remote r : Catalog.standard().get("mnist").remotes()) {
            Path f = src.resolve(r.fileName());
            remotes.add(new Remote(r.fileName(), List.of(f.toUri()), md5(Files.readAllBytes(f)), false));
        }
        Catalog c = Catalog.standard().with(Catalog.standard().get("mnist").withRemotes(remotes));
        assertThat(resolver(c, null, null, false, null).open("mnist").size(Split.TEST)).isEqualTo(2);
    }

    @Test
    void namesEmbeddedFolderAndUnknown() throws Exception {
        DatasetResolver r = resolver(Catalog.standard(), null, null, true, null);
        assertThat(r.open("fashion-mnist-mini").size(Split.TRAIN)).isEqualTo(1000);
        assertThatThrownBy(() -> r.open("imagenet")).isInstanceOf(UserException.class)
                .hasMessageContaining("unknown dataset 'imagenet'").hasMessageContaining("folder:PATH");
        assertThatThrownBy(() -> r.open("folder:" + tmp.resolve("nope"))).isInstanceOf(UserException.class)
                .hasMessageContaining("not a directory");
        assertThat(r.availability()).extracting(DatasetResolver.Availability::name)
                .contains("fashion-mnist-mini", "stl10", "cifar10", "cifar100", "mnist", "fashion-mnist");
    }

    private void assertCacheEmpty() throws IOException {
        Path cache = tmp.resolve("cache");
        if (Files.exists(cache)) {
            try (Stream<Path> s = Files.list(cache)) {
                assertThat(s.toList()).isEmpty();
            }
        }
    }
}
