package io.convprobe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import io.convprobe.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * A torchvision root written by Debian's Python ({@code make_torchvision_root.py}: pickle + numpy,
 * the bytes torchvision's downloads hold, each checked there by torchvision's own way of loading)
 * is found under {@code --data-dir} and read as it is. Skipped only when {@code /usr/bin/python3}
 * lacks numpy and {@code CONVPROBE_REQUIRE_PYTORCH} is unset (CI installs python3-numpy and sets it).
 */
class TorchvisionLayoutTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir static Path shared;
    static Path root;

    @TempDir Path tmp;

    @BeforeAll
    static void writeRoot() throws Exception {
        boolean ok = Files.isExecutable(PYTHON) && python("-c", "import numpy") == 0;
        if (!ok && System.getenv("CONVPROBE_REQUIRE_PYTORCH") != null) {
            throw new AssertionError("/usr/bin/python3 cannot import numpy (apt-get install python3-numpy)");
        }
        Assumptions.assumeTrue(ok, "skipped: /usr/bin/python3 cannot import numpy (apt-get install python3-numpy)");
        root = makeRoot(shared.resolve("root"), 2);
    }

    static Path makeRoot(Path dir, int cifar100Protocol) throws Exception {
        Path script = dir.resolveSibling("make_torchvision_root.py");
        try (var in = TorchvisionLayoutTest.class.getResourceAsStream("make_torchvision_root.py")) {
            Files.write(script, in.readAllBytes());
        }
        assertThat(python(script.toString(), dir.toString(), String.valueOf(cifar100Protocol))).isZero();
        return dir;
    }

    static int python(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = PYTHON.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        if (p.exitValue() != 0) {
            System.err.println(out);
        }
        return p.exitValue();
    }

    private DatasetResolver resolver(Path dataDir) {
        return new DatasetResolver(Catalog.standard(), new DatasetResolver.Locations(dataDir, null,
                tmp.resolve("cache"), true), new Downloader(null, 1000));
    }

    private static int cifarPixel(int g, int k) {
        return (g * 7 + k * 13) % 256;
    }

    @Test
    void cifar10PicklesAreFoundAndReadAsTorchvisionWritesThem() {
        DatasetResolver r = resolver(root);
        KnownDataset k = Catalog.standard().get("cifar10");
        assertThat(r.find(k)).hasValueSatisfying(f -> {
            assertThat(f.path()).isEqualTo(root.resolve("cifar-10-batches-py"));
            assertThat(f.layout()).contains("torchvision CIFAR10").contains("cifar-10-batches-py/");
        });
        try (Dataset d = r.open("cifar10")) {
            checkCifar10(d);
        }
    }

    static void checkCifar10(Dataset d) {
        assertThat(d.imageShape()).isEqualTo(Shape.chw(3, 32, 32));
        assertThat(d.size(Split.TRAIN)).isEqualTo(15);
        assertThat(d.size(Split.TEST)).isEqualTo(4);
        assertThat(d.classes()).containsExactlyElementsOf(CifarDataset.CIFAR10_CLASSES);
        ImageBatch b = d.read(Split.TRAIN, 2, 7); // spans data_batch_1..3
        assertThat(b.labels()).containsExactly(6, 9, 2, 5, 8);
        // image 5, channel 2 (blue), row 31, column 5 = byte 2*1024 + 31*32 + 5 of its row
        assertThat(b.pixel(3, 2, 31, 5)).isEqualTo(cifarPixel(5, 2048 + 31 * 32 + 5));
        assertThat(d.read(Split.TEST, 3, 4).pixel(0, 1, 0, 7)).isEqualTo(cifarPixel(3, 1024 + 7));
        assertThat(d.labels(Split.TEST)).containsExactly(0, 3, 6, 9);
    }

    @Test
    void cifar10IsReadInsideTheDownloadedArchive() throws Exception {
        Path only = tmp.resolve("tvroot");
        Files.createDirectories(only);
        Files.copy(root.resolve("cifar-10-python.tar.gz"), only.resolve("cifar-10-python.tar.gz"));
        DatasetResolver r = resolver(only);
        assertThat(r.find(Catalog.standard().get("cifar10")).orElseThrow().layout()).contains("cifar-10-python.tar.gz");
        try (Dataset d = r.open("cifar10")) {
            checkCifar10(d);
        }
        // A truncated download: one line naming the archive.
        byte[] all = Files.readAllBytes(only.resolve("cifar-10-python.tar.gz"));
        Files.write(only.resolve("cifar-10-python.tar.gz"), java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> r.open("cifar10")).isInstanceOf(UserException.class)
                .hasMessageContaining("cifar-10-python.tar.gz").hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 5})
    void cifar100PicklesOfEveryProtocolGiveFineAndCoarseLabels(int protocol) throws Exception {
        Path dir = protocol == 2 ? root : makeRoot(tmp.resolve("root" + protocol), protocol);
        DatasetResolver r = resolver(dir);
        try (Dataset fine = r.open("cifar100"); Dataset coarse = r.open("cifar100-coarse")) {
            assertThat(fine.size(Split.TRAIN)).isEqualTo(6);
            assertThat(fine.size(Split.TEST)).isEqualTo(5);
            assertThat(fine.labels(Split.TRAIN)).containsExactly(0, 3, 6, 9, 12, 15);
            assertThat(coarse.labels(Split.TEST)).containsExactly(0, 5, 10, 15, 0);
            assertThat(fine.classes()).hasSize(100).startsWith("fine_00");
            assertThat(coarse.classes()).hasSize(20).endsWith("coarse_19");
            assertThat(fine.read(Split.TEST, 4, 5).pixel(0, 0, 2, 3)).isEqualTo(cifarPixel(4, 2 * 32 + 3));
        }
    }

    @Test
    void mnistAndFashionMnistRawFoldersGzippedOrNot() {
        DatasetResolver r = resolver(root);
        assertThat(r.find(Catalog.standard().get("mnist")).orElseThrow().path()).isEqualTo(root.resolve("MNIST/raw"));
        try (Dataset m = r.open("mnist"); Dataset f = r.open("fashion-mnist")) {
            assertThat(m.size(Split.TRAIN)).isEqualTo(5);
            assertThat(m.size(Split.TEST)).isEqualTo(3);
            assertThat(m.read(Split.TRAIN, 4, 5).pixel(0, 0, 3, 2)).isEqualTo(TestFiles.value(4, 3, 2));
            assertThat(f.size(Split.TRAIN)).isEqualTo(4);
            assertThat(f.classes()).isEqualTo(Catalog.FASHION_CLASSES);
            assertThat(f.labels(Split.TEST)).containsExactly(0, 1);
        }
        assertThat(r.find(Catalog.standard().get("fashion-mnist")).orElseThrow().layout()).contains("FashionMNIST/raw/");
    }

    @Test
    void stl10BinaryIsFoundUnderATorchvisionRoot() {
        DatasetResolver r = resolver(root);
        assertThat(r.find(Catalog.standard().get("stl10")).orElseThrow().path()).isEqualTo(root.resolve("stl10_binary"));
        try (Dataset d = r.open("stl10")) {
            assertThat(d.size(Split.TRAIN)).isEqualTo(2);
            assertThat(d.size(Split.TEST)).isEqualTo(3);
            assertThat(d.labels(Split.TEST)).containsExactly(0, 1, 2);
            assertThat(d.read(Split.TEST, 2, 3).pixel(0, 1, 10, 20)).isEqualTo((2 * 31 + 7 + 30 + 20) % 256);
        }
    }

    @Test
    void pointingStraightAtTheFolderWorksToo() {
        try (Dataset d = resolver(root.resolve("cifar-10-batches-py")).open("cifar10")) {
            checkCifar10(d);
        }
    }

    @Test
    void truncatedForeignAndMislabelledBatchesAreOneLineErrors() throws Exception {
        Path copy = tmp.resolve("bad");
        Path dir = copy.resolve("cifar-10-batches-py");
        Files.createDirectories(dir);
        try (var files = Files.list(root.resolve("cifar-10-batches-py"))) {
            for (Path p : files.toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        DatasetResolver r = resolver(copy);
        Path batch = dir.resolve("data_batch_2");
        byte[] good = Files.readAllBytes(batch);
        Files.write(batch, java.util.Arrays.copyOf(good, good.length - 100));
        assertThatThrownBy(() -> r.open("cifar10").size(Split.TRAIN)).isInstanceOf(UserException.class)
                .hasMessageContaining(batch.toString()).hasMessageContaining("truncated")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        Files.write(batch, IdxFile.encode(new int[] {2}, new byte[] {1, 2})); // an MNIST labels file
        assertThatThrownBy(() -> r.open("cifar10").size(Split.TRAIN)).isInstanceOf(UserException.class)
                .hasMessageContaining(batch.toString()).hasMessageContaining("not a readable Python pickle");

        assertThat(python("-c", "import pickle, numpy as np; pickle.dump({'data': np.zeros((2, 3072), np.uint8), "
                + "'labels': [0, 10]}, open('" + batch + "', 'wb'))")).isZero();
        assertThatThrownBy(() -> r.open("cifar10").size(Split.TRAIN)).isInstanceOf(UserException.class)
                .hasMessageContaining(batch.toString()).hasMessageContaining("label 10; expected 0..9");

        assertThat(python("-c", "import pickle, numpy as np; pickle.dump({'data': np.zeros((2, 1024), np.float32), "
                + "'labels': [0, 1]}, open('" + batch + "', 'wb'))")).isZero();
        assertThatThrownBy(() -> r.open("cifar10").size(Split.TRAIN)).isInstanceOf(UserException.class)
                .hasMessageContaining("expected uint8 N x 3072");
    }

    @Test
    void datasetsCommandShowsTheLayout() {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("datasets", "--data-dir", root.toString())).isZero();
        assertThat(out.toString()).contains(root.resolve("cifar-10-batches-py").toString())
                .contains("[torchvision CIFAR10 (cifar-10-batches-py/ python pickles)]")
                .contains("[torchvision MNIST (MNIST/raw/ IDX files)]")
                .contains("[torchvision CIFAR100 (cifar-100-python/ python pickles)]");
    }
}
