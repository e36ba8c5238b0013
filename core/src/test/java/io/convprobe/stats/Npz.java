package io.convprobe.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Minimal reader for the uncompressed numpy archives written by tools/make_ridge_fixtures.py:
 * little-endian float32/float64/int32/int64 arrays in C order. Everything is returned as double[]
 * (exact for these types at fixture sizes) plus its shape.
 */
final class Npz {
    record Array(int[] shape, double[] values) {
        float[] floats() {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return f;
        }

        int[] ints() {
            int[] v = new int[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (int) values[i];
            }
            return v;
        }

        double scalar() {
            return values[0];
        }
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|=])([fi])(\\d)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private final Map<String, Array> arrays = new HashMap<>();

    private Npz() {
    }

    static Npz resource(String name) {
        URL url = Npz.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing fixture " + name + "; run tools/make_ridge_fixtures.py");
        }
        Npz npz = new Npz();
        try (ZipFile zip = new ZipFile(Path.of(url.toURI()).toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    npz.arrays.put(entry.getName().replaceFirst("\\.npy$", ""), parse(in.readAllBytes(), entry.getName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return npz;
    }

    Array get(String name) {
        Array a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("fixture has no array " + name + "; has " + arrays.keySet());
        }
        return a;
    }

    private static Array parse(byte[] bytes, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if ((bytes[0] & 0xff) != 0x93 || bytes[1] != 'N') {
            throw new IllegalStateException(name + " is not a .npy array");
        }
        int major = bytes[6];
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(bytes, major == 1 ? 10 : 12, headerLength, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) {
            throw new IllegalStateException(name + ": Fortran order not supported");
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IllegalStateException(name + ": cannot parse header " + header);
        }
        String[] dims = s.group(1).split(",");
        int count = 1;
        int rank = 0;
        int[] shape = new int[dims.length];
        for (String dim : dims) {
            if (!dim.isBlank()) {
                shape[rank] = Integer.parseInt(dim.trim());
                count *= shape[rank++];
            }
        }
        char kind = d.group(2).charAt(0);
        int size = Integer.parseInt(d.group(3));
        double[] values = new double[count];
        buf.position(dataStart);
        for (int i = 0; i < count; i++) {
            values[i] = switch (kind + "" + size) {
                case "f4" -> buf.getFloat();
                case "f8" -> buf.getDouble();
                case "i4" -> buf.getInt();
                case "i8" -> buf.getLong();
                default -> throw new IllegalStateException(name + ": unsupported dtype " + kind + size);
            };
        }
        return new Array(java.util.Arrays.copyOf(shape, rank), values);
    }
}
