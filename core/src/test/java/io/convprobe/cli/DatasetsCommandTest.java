package io.convprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatasetsCommandTest {
    @TempDir Path tmp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listsKnownDatasets() {
        Run r = run("datasets");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fashion-mnist-mini").contains("available").contains("stl10").contains("cifar100")
                .contains("folder:PATH");
    }

    @Test
    void infoJsonHasShapeClassesAndCounts() throws Exception {
        Run r = run("datasets", "info", "fashion-mnist-mini", "--json");
        assertThat(r.code()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("shape").toString()).isEqualTo("[1,28,28]");
        assertThat(j.get("classes")).hasSize(10);
        assertThat(j.get("train").asInt()).isEqualTo(1000);
        assertThat(j.get("test").asInt()).isEqualTo(1000);
        int sum = 0;
        for (JsonNode n : j.get("per_class").get("test")) {
            sum += n.asInt();
        }
        assertThat(sum).isEqualTo(1000);
    }

    @Test
    void showWritesALabelledGrid() throws Exception {
        Path png = tmp.resolve("grid.png");
        Run r = run("datasets", "show", "fashion-mnist-mini", "--split", "test", "--count", "12", "--columns", "4",
                "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThan(4 * 56);
        assertThat(img.getHeight()).isGreaterThan(3 * 56);
    }

    @Test
    void badInputExitsTwoWithOneLine() throws Exception {
        Path root = tmp.resolve("imgs");
        Files.createDirectories(root.resolve("train/cat"));
        Files.writeString(root.resolve("train/cat/x.png"), "garbage");
        Run r = run("datasets", "info", "folder:" + root);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("x.png").contains("PNG or JPEG");
        assertThat(r.err().strip().lines()).hasSize(1);
        Run offline = run("datasets", "info", "cifar10", "--data-dir", tmp.toString());
        assertThat(offline.code()).isEqualTo(2);
        assertThat(offline.err()).contains("not found").contains(tmp.toString());
        assertThat(run("datasets", "show", "--split", "val", "--out", tmp.resolve("g.png").toString()).code()).isEqualTo(2);
    }

    @Test
    void mixinDefaultsToTheEmbeddedSample() {
        @CommandLine.Command(name = "x")
        class Cmd implements Runnable {
            @CommandLine.Mixin DatasetOptions data;

            @Override
            public void run() {}
        }
        Cmd c = new Cmd();
        new CommandLine(c).parseArgs();
        assertThat(c.data.name()).isEqualTo("fashion-mnist-mini");
        assertThat(c.data.open().size(io.convprobe.data.Split.TRAIN)).isEqualTo(1000);
        new CommandLine(c).parseArgs("--dataset", "stl10", "--data-dir", "/d", "--resize", "8x8");
        assertThat(c.data.name()).isEqualTo("stl10");
        assertThat(c.data.dataDir()).isEqualTo(Path.of("/d"));
        assertThat(c.data.resizeOrNull().height()).isEqualTo(8);
    }
}
