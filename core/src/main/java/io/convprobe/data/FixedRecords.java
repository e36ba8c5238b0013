package io.convprobe.data;

import io.convprobe.UserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Fixed-size records spread over one or more files read back to back (CIFAR's five training
 * batches, STL-10's pixel files). Reads use positional I/O, so only the asked-for records enter
 * memory; files open per read, so nothing needs closing.
 */
final class FixedRecords {
    private final List<Path> files;
    private final int recordBytes;
    private final long[] starts; // starts[i] = index of the first record of files[i]; starts[n] = total

    FixedRecords(List<Path> files, int recordBytes, String what) {
        this.files = List.copyOf(files);
        this.recordBytes = recordBytes;
        this.starts = new long[files.size() + 1];
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            long size;
            try {
                size = Files.size(f);
            } catch (IOException e) {
                throw new UserException("cannot read " + f + ": " + e.getMessage(), e);
            }
            if (size == 0 || size % recordBytes != 0) {
                throw new UserException(f + " has " + size + " bytes; expected a non-zero multiple of "
                        + recordBytes + " (" + what + "): truncated or not this format");
            }
            starts[i + 1] = starts[i] + size / recordBytes;
        }
        if (starts[files.size()] > Integer.MAX_VALUE) {
            throw new UserException(files + " hold too many records");
        }
    }

    int count() {
        return (int) starts[files.size()];
    }

    /** Records {@code [from, to)} concatenated. */
    byte[] read(int from, int to) {
        byte[] out = new byte[Math.multiplyExact(to - from, recordBytes)];
        int done = 0;
        for (int f = 0; f < files.size() && from + done / recordBytes < to; f++) {
            long first = Math.max(from + done / recordBytes, starts[f]);
            long last = Math.min(to, starts[f + 1]);
            if (first >= last) {
                continue;
            }
            readFully(files.get(f), (first - starts[f]) * recordBytes, out, done, (int) (last - first) * recordBytes);
            done += (int) (last - first) * recordBytes;
        }
        return out;
    }

    /** The file holding record {@code index}, for error messages. */
    Path fileOf(int index) {
        for (int f = 0; f < files.size(); f++) {
            if (index < starts[f + 1]) {
                return files.get(f);
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    /** The record's index within its own file, for error messages. */
    long indexInFile(int index) {
        for (int f = 0; f < files.size(); f++) {
            if (index < starts[f + 1]) {
                return index - starts[f];
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    private static void readFully(Path file, long position, byte[] dst, int off, int len) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
            long pos = position;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new UserException(file + " ended early at byte " + pos + "; it changed while being read?");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
