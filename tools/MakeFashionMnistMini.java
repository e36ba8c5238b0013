import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Regenerates convprobe's embedded fashion-mnist-mini sample: the first N (default 1,000) training
 * and first N test images and labels of Fashion-MNIST, written as gzipped IDX. Standalone (JDK only),
 * run through tools/make-fashion-mnist-mini.sh. Java's gzip header has no timestamp, so the output
 * is byte-for-byte reproducible.
 *
 * Usage: java tools/MakeFashionMnistMini.java SOURCE_DIR OUT_DIR [N]
 */
public final class MakeFashionMnistMini {
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java tools/MakeFashionMnistMini.java SOURCE_DIR OUT_DIR [N]");
            System.exit(2);
        }
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Files.createDirectories(out);
        for (String prefix : new String[] {"train", "t10k"}) {
            copyFirst(src, out, prefix + "-images-idx3-ubyte", n);
            copyFirst(src, out, prefix + "-labels-idx1-ubyte", n);
        }
    }

    private static void copyFirst(Path src, Path out, String stem, int n) throws IOException {
        Path in = Files.exists(src.resolve(stem + ".gz")) ? src.resolve(stem + ".gz") : src.resolve(stem);
        try (InputStream raw = Files.newInputStream(in);
                DataInputStream din = new DataInputStream(in.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw);
                DataOutputStream dout = new DataOutputStream(
                        new GZIPOutputStream(Files.newOutputStream(out.resolve(stem + ".gz"))))) {
            int magic = din.readInt();
            if (magic != 0x801 && magic != 0x803) {
                throw new IOException(in + ": magic " + Integer.toHexString(magic) + ", expected 801 or 803");
            }
            int ndims = magic & 0xFF;
            int count = din.readInt();
            if (count < n) {
                throw new IOException(in + " has only " + count + " items, need " + n);
            }
            long per = 1;
            int[] rest = new int[ndims - 1];
            for (int i = 0; i < rest.length; i++) {
                rest[i] = din.readInt();
                per *= rest[i];
            }
            dout.writeInt(magic);
            dout.writeInt(n);
            for (int d : rest) {
                dout.writeInt(d);
            }
            byte[] data = din.readNBytes((int) (per * n));
            if (data.length != per * n) {
                throw new IOException(in + " is truncated");
            }
            dout.write(data);
        }
        System.out.println("wrote " + out.resolve(stem + ".gz") + " (" + n + " items)");
    }

}
