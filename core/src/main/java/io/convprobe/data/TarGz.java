package io.convprobe.data;

import io.convprobe.UserException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks the regular files and directories of a {@code .tar.gz} (ustar/GNU headers, as the CIFAR
 * and STL-10 archives use). Small on purpose: no links, no special files, and no entry may escape
 * the target directory.
 */
final class TarGz {
    private TarGz() {}

    static void extract(Path archive, Path into) {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[512];
            String longName = null;
            while (true) {
                if (in.readNBytes(header, 0, 512) < 512) {
                    throw new UserException("archive " + archive + " is truncated: a tar header is cut short");
                }
                if (isZero(header)) {
                    return; // end-of-archive marker
                }
                String name = longName != null ? longName : string(header, 0, 100);
                longName = null;
                String prefix = string(header, 345, 155);
                if (!prefix.isEmpty() && header[257] == 'u') {
                    name = prefix + "/" + name;
                }
                long size = octal(header, 124, 12, archive);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                if (type == 'L') { // GNU long name: the next entry's name is the data
                    byte[] data = in.readNBytes((int) padded);
                    longName = new String(data, 0, (int) size, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                Path dest = into.resolve(name).normalize();
                if (!dest.startsWith(into)) {
                    throw new UserException("archive " + archive + " has an entry outside its folder: " + name);
                }
                if (type == '5') {
                    Files.createDirectories(dest);
                } else if (type == '0' || type == '\0') {
                    Files.createDirectories(dest.getParent());
                    try (OutputStream out = Files.newOutputStream(dest)) {
                        copy(in, out, size, archive);
                    }
                    skip(in, padded - size, archive);
                    continue;
                }
                if (type != '5') {
                    skip(in, padded, archive); // pax headers, links: not needed for these archives
                }
            }
        } catch (IOException e) {
            throw new UserException("cannot unpack " + archive + ": " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, OutputStream out, long size, Path archive) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new UserException("archive " + archive + " is truncated inside an entry");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n, Path archive) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (java.io.EOFException e) {
            throw new UserException("archive " + archive + " is truncated inside an entry");
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8).trim();
    }

    private static long octal(byte[] b, int off, int len, Path archive) {
        String s = string(b, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new UserException("archive " + archive + " has a corrupt tar header (size '" + s + "')");
        }
    }
}
