import io.convprobe.data.Dataset;
import io.convprobe.data.Datasets;
import io.convprobe.data.ImageBatch;
import io.convprobe.data.Split;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Mode 1 writes the first N train and test images of a dataset as an .npz (train_x, train_y, test_x,
 * test_y; uint8 NCHW images, int64 labels), the layout /work/shared/peer/peer_probe.py --data reads.
 *
 * <pre>java -cp "core/target/convprobe.jar:core/target/lib/*" tools/ExportNpz.java fashion-mnist-mini 500 500 probe500.npz</pre>
 *
 * Mode 2 ({@code --weights SPEC CxHxW SEED TRIAL OUT.npz}) writes the probe network's initial
 * weights (w0, b0, w1, b1, ... per conv layer, float32 in PyTorch's layouts), so the reference
 * can be run with exactly convprobe's weights ({@code tools/peer_same_weights.py}).
 */
public final class ExportNpz {
    public static void main(String[] args) throws IOException {
        if (args.length == 6 && args[0].equals("--weights")) {
            weights(args);
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: ExportNpz DATASET TRAIN_N TEST_N OUT.npz");
            System.exit(2);
        }
        try (Dataset ds = Datasets.open(args[0], null);
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(Path.of(args[3])))) {
            write(zip, "train", ds.read(Split.TRAIN, 0, Integer.parseInt(args[1])));
            write(zip, "test", ds.read(Split.TEST, 0, Integer.parseInt(args[2])));
        }
    }

    private static void weights(String[] args) throws IOException {
        var spec = io.convprobe.arch.SpecFormat.parse(args[1]);
        var summary = io.convprobe.arch.ShapeInference.infer(spec, io.convprobe.arch.Shape.parse(args[2]));
        long seed = Long.parseLong(args[3]);
        int trial = Integer.parseInt(args[4]);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(Path.of(args[5])))) {
            int conv = 0;
            for (int i = 0; i < spec.layers().size(); i++) {
                var w = io.convprobe.nn.TorchInit.forLayer(summary, i, seed, trial);
                if (w == null || !(spec.layers().get(i) instanceof io.convprobe.arch.Layer.Conv)) {
                    continue;
                }
                long[] s = w.weightShape();
                entry(zip, "w" + conv + ".npy", "<f4", "(" + s[0] + ", " + s[1] + ", " + s[2] + ", " + s[3] + ")", floats(w.weight()));
                entry(zip, "b" + conv + ".npy", "<f4", "(" + w.bias().length + ",)", floats(w.bias()));
                conv++;
            }
        }
    }

    private static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    private static void write(ZipOutputStream zip, String split, ImageBatch b) throws IOException {
        var s = b.shape();
        entry(zip, split + "_x.npy", "|u1", "(" + b.count() + ", " + s.channels() + ", " + s.height() + ", " + s.width() + ")",
                b.pixels());
        ByteBuffer labels = ByteBuffer.allocate(8 * b.count()).order(ByteOrder.LITTLE_ENDIAN);
        for (int l : b.labels()) {
            labels.putLong(l);
        }
        entry(zip, split + "_y.npy", "<i8", "(" + b.count() + ",)", labels.array());
    }

    /** One .npy (format 1.0): magic, header dict padded to a multiple of 64 bytes, raw C-order data. */
    private static void entry(ZipOutputStream zip, String name, String descr, String shape, byte[] data) throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xFF);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        zip.putNextEntry(new ZipEntry(name));
        out.writeTo((OutputStream) zip);
        zip.closeEntry();
    }
}
