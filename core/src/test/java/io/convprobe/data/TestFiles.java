package io.convprobe.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes small files in the exact published formats. */
final class TestFiles {
    private TestFiles() {}

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    /** A pixel value that depends on image, row and column, so mix-ups show. */
    static int value(int image, int y, int x) {
        return (image * 37 + y * 5 + x * 11) & 0xFF;
    }

    /** MNIST-layout directory with n train and m test images of size h x w, labels i % 10. */
    static Path writeMnist(Path dir, int n, int m, int h, int w, boolean gz) throws IOException {
        Files.createDirectories(dir);
        writeIdxPair(dir, "train", n, h, w, gz);
        writeIdxPair(dir, "t10k", m, h, w, gz);
        return dir;
    }

    static void writeIdxPair(Path dir, String prefix, int n, int h, int w, boolean gz) throws IOException {
        byte[] px = new byte[n * h * w];
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            lab[i] = (byte) (i % 10);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[(i * h + y) * w + x] = (byte) value(i, y, x);
                }
            }
        }
        byte[] images = IdxFile.encode(new int[] {n, h, w}, px);
        byte[] labels = IdxFile.encode(new int[] {n}, lab);
        String ext = gz ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), gz ? gzip(images) : images);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), gz ? gzip(labels) : labels);
    }

    /** A .tar.gz with the given entries (ustar headers), as the CIFAR/STL archives are built. */
    static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] h = new byte[512];
                put(h, 0, e.getKey());
                put(h, 100, "0000644");
                put(h, 108, "0000000");
                put(h, 116, "0000000");
                put(h, 124, String.format("%011o", e.getValue().length));
                put(h, 136, "00000000000");
                h[156] = '0';
                put(h, 257, "ustar");
                put(h, 263, "00");
                for (int i = 148; i < 156; i++) {
                    h[i] = ' ';
                }
                int sum = 0;
                for (byte b : h) {
                    sum += b & 0xFF;
                }
                put(h, 148, String.format("%06o", sum));
                h[154] = 0;
                out.write(h);
                out.write(e.getValue());
                out.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return bos.toByteArray();
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
