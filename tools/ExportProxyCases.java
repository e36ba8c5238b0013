import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.arch.SpecFormat;
import io.convprobe.data.Dataset;
import io.convprobe.data.EmbeddedSample;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Split;
import io.convprobe.nn.LayerWeights;
import io.convprobe.nn.TorchInit;
import io.convprobe.proxy.RandomHead;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports the proxy reference cases (tools/make_proxy_fixtures.py runs this): per case an .npz with
 * the 128 fixed train images (uint8 NCHW), their labels, every conv layer's convprobe weights
 * (w0, b0, w1, ...; float32, PyTorch layouts) and the random head (head_w, head_b), plus cases.json
 * (name, spec as JSON layers, input shape, seed, trial, classes).
 *
 * <p>Images: the embedded Fashion-MNIST sample's first 128 train images; for 3-channel cases image
 * i stacks sample images i, i + 128 and i + 256 as its channels (label of image i) —
 * ProxyFixtureTest rebuilds them the same way.
 *
 * <pre>java -cp "core/target/convprobe.jar:core/target/lib/*" tools/ExportProxyCases.java OUT_DIR</pre>
 */
public final class ExportProxyCases {
    /** name, spec, input channels, seed, trial */
    static final Object[][] CASES = {
        {"c1-published", "ch=8 ks=3,5 st=1,2 di=1,2", 1, 0L, 0},
        {"c1-pool-gelu", "c6k5s2-relu-max2-c8k3d2p1-gelu-c4k3-relu", 1, 0L, 1},
        {"c1-wide-seed3", "ch=16 ks=7,3 st=2,1 di=1,3", 1, 3L, 2},
        {"c3-deep", "c8k3-relu-c8k3s2-relu-avg2-c16k3d2p2-relu", 3, 0L, 0},
        {"c3-tanh-nobias", "c4k7s3nb-tanh-c8k3-relu-flat", 3, 1L, 0},
    };
    static final int N = 128;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        StringBuilder json = new StringBuilder("[\n");
        try (Dataset ds = EmbeddedSample.open()) {
            ImageBatch b = ds.read(Split.TRAIN, 0, 3 * N);
            for (int c = 0; c < CASES.length; c++) {
                String name = (String) CASES[c][0];
                ArchSpec spec = SpecFormat.parse((String) CASES[c][1]);
                int channels = (Integer) CASES[c][2];
                long seed = (Long) CASES[c][3];
                int trial = (Integer) CASES[c][4];
                Shape input = Shape.chw(channels, 28, 28);
                ArchSummary s = ShapeInference.infer(spec, input);
                int classes = ds.classes().size();
                try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out.resolve(name + ".npz")))) {
                    entry(zip, "x", "|u1", "(" + N + ", " + channels + ", 28, 28)", images(b.pixels(), channels));
                    ByteBuffer labels = ByteBuffer.allocate(8 * N).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < N; i++) {
                        labels.putLong(b.labels()[i]);
                    }
                    entry(zip, "y", "<i8", "(" + N + ",)", labels.array());
                    int conv = 0;
                    for (int i = 0; i < spec.layers().size(); i++) {
                        if (!(spec.layers().get(i) instanceof Layer.Conv)) {
                            continue;
                        }
                        LayerWeights w = TorchInit.forLayer(s, i, seed, trial);
                        entry(zip, "w" + conv, "<f4", shape(w.weightShape()), floats(w.weight()));
                        if (w.bias() != null) {
                            entry(zip, "b" + conv, "<f4", "(" + w.bias().length + ",)", floats(w.bias()));
                        }
                        conv++;
                    }
                    LayerWeights h = RandomHead.initial(s, classes, seed, trial);
                    entry(zip, "head_w", "<f4", shape(h.weightShape()), floats(h.weight()));
                    entry(zip, "head_b", "<f4", "(" + classes + ",)", floats(h.bias()));
                }
                json.append(String.format("  {\"name\": \"%s\", \"spec\": \"%s\", \"layers\": %s, \"input\": [%d, 28, 28], "
                        + "\"seed\": %d, \"trial\": %d, \"classes\": %d}%s%n", name, CASES[c][1],
                        SpecFormat.toTree(spec).get("layers"), channels, seed, trial, classes,
                        c + 1 < CASES.length ? "," : ""));
            }
        }
        Files.writeString(out.resolve("cases.json"), json.append("]\n").toString());
    }

    /** N images of `channels` planes: channel c of image i is sample image i + c·N. */
    static byte[] images(byte[] px, int channels) {
        int plane = 28 * 28;
        byte[] out = new byte[N * channels * plane];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(px, (i + c * N) * plane, out, (i * channels + c) * plane, plane);
            }
        }
        return out;
    }

    static String shape(long[] s) {
        List<String> p = new ArrayList<>();
        for (long v : s) {
            p.add(Long.toString(v));
        }
        return "(" + String.join(", ", p) + (s.length == 1 ? ",)" : ")");
    }

    static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** One .npy (format 1.0) entry. */
    static void entry(ZipOutputStream zip, String name, String descr, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        o.write(header.length() & 0xFF);
        o.write(header.length() >> 8);
        o.write(header.getBytes(StandardCharsets.US_ASCII));
        o.write(data);
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        o.writeTo((OutputStream) zip);
        zip.closeEntry();
    }
}
