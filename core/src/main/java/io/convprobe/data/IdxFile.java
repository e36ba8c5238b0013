package io.convprobe.data;

import io.convprobe.UserException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file (the MNIST format): magic {@code 0x00 0x00 0x08 ndims}, then ndims big-endian int32
 * sizes, then the unsigned bytes. Gzipped files are recognised by their gzip magic, whatever their
 * name, because Debian and the publishers name them differently.
 */
public record IdxFile(String source, int[] dims, byte[] data) {

    /** Unsigned-byte element type; the only one the image sets use. */
    private static final int TYPE_UBYTE = 0x08;

    public int count() {
        return dims[0];
    }

    public static IdxFile read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new UserException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads an IDX stream; {@code source} names it in error messages. */
    public static IdxFile read(String source, InputStream raw) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            DataInputStream din = new DataInputStream(in);
            int magic;
            try {
                magic = din.readInt();
            } catch (EOFException e) {
                throw new UserException("IDX file " + source + " is truncated: no 4-byte header");
            }
            int type = (magic >>> 8) & 0xFF;
            int ndims = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != TYPE_UBYTE || ndims < 1 || ndims > 4) {
                throw new UserException(String.format(
                        "IDX file %s has magic number 0x%08X; expected 0x00000801 (labels) or 0x00000803 (images)",
                        source, magic));
            }
            int[] dims = new int[ndims];
            long total = 1;
            for (int i = 0; i < ndims; i++) {
                try {
                    dims[i] = din.readInt();
                } catch (EOFException e) {
                    throw new UserException("IDX file " + source + " is truncated inside its header");
                }
                if (dims[i] < 0) {
                    throw new UserException("IDX file " + source + " declares a negative size " + dims[i]);
                }
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new UserException("IDX file " + source + " declares " + total + " bytes; too large");
            }
            byte[] data = new byte[(int) total];
            int got = din.readNBytes(data, 0, data.length);
            if (got < data.length) {
                throw new UserException("IDX file " + source + " is truncated: header " + Arrays.toString(dims)
                        + " promises " + total + " data bytes, found " + got);
            }
            if (din.read() != -1) {
                throw new UserException("IDX file " + source + " has bytes after the " + total
                        + " data bytes its header " + Arrays.toString(dims) + " promises");
            }
            return new IdxFile(source, dims, data);
        } catch (EOFException e) {
            throw new UserException("IDX file " + source + " is truncated (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            // A corrupt gzip stream lands here too ("Unexpected end of ZLIB input stream").
            throw new UserException("cannot read IDX file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Writes an uncompressed IDX ubyte file (used by tests and the sample tool's checks). */
    public static byte[] encode(int[] dims, byte[] data) {
        byte[] out = new byte[4 + 4 * dims.length + data.length];
        out[2] = TYPE_UBYTE;
        out[3] = (byte) dims.length;
        for (int i = 0; i < dims.length; i++) {
            int d = dims[i];
            int p = 4 + 4 * i;
            out[p] = (byte) (d >>> 24);
            out[p + 1] = (byte) (d >>> 16);
            out[p + 2] = (byte) (d >>> 8);
            out[p + 3] = (byte) d;
        }
        System.arraycopy(data, 0, out, 4 + 4 * dims.length, data.length);
        return out;
    }
}
