package io.convprobe.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.convprobe.UserException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A training checkpoint file ({@code last.ckpt}, {@code best.ckpt} in a run directory):
 *
 * <pre>
 * "CONVPROBE-CKPT\n"  (15 bytes, magic)
 * int    header length, then the header: UTF-8 JSON of {@link CheckpointInfo} (snake_case)
 * long   length, then the network's parameters in DJL's Block.saveParameters format
 *        (weights, biases, batch-norm running statistics)
 * long   length, then the optimizer state as a DJL-encoded NDList (GradOptimizer.stateArrays)
 * </pre>
 *
 * Written to a temporary file in the same directory, flushed to disk, then renamed over the old
 * file, so a crash or a full disk never leaves a half-written checkpoint under the real name.
 */
public record Checkpoint(CheckpointInfo info, byte[] parameters, byte[] optimizerState) {
    private static final byte[] MAGIC = "CONVPROBE-CKPT\n".getBytes(StandardCharsets.US_ASCII);

    /** Snapshots a network and its optimizer. */
    public static Checkpoint of(CheckpointInfo info, Block net, GradOptimizer optimizer) {
        try {
            ByteArrayOutputStream params = new ByteArrayOutputStream();
            try (DataOutputStream dos = new DataOutputStream(params)) {
                net.saveParameters(dos);
            }
            return new Checkpoint(info, params.toByteArray(), optimizer.stateArrays().encode());
        } catch (IOException e) {
            throw new IllegalStateException("serialising parameters in memory failed", e);
        }
    }

    /** Writes atomically: temporary file, fsync, rename. On failure no file is left behind. */
    public void write(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream fos = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fos))) {
                out.write(MAGIC);
                byte[] header = TrainConfig.MAPPER.writeValueAsBytes(info);
                out.writeInt(header.length);
                out.write(header);
                out.writeLong(parameters.length);
                out.write(parameters);
                out.writeLong(optimizerState.length);
                out.write(optimizerState);
                out.flush();
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UserException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the real checkpoint is untouched either way
                }
            }
        }
    }

    public static Checkpoint read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("checkpoint not found: " + file);
        }
        try (InputStream fis = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(fis))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new UserException(file + " is not a convprobe checkpoint (bad magic)");
            }
            byte[] header = readBlock(in, in.readInt(), file);
            CheckpointInfo info;
            try {
                info = TrainConfig.MAPPER.readValue(header, CheckpointInfo.class);
            } catch (IOException e) {
                throw TrainConfig.userError(file + ": bad checkpoint header", e);
            }
            if (info.format() != CheckpointInfo.FORMAT) {
                throw new UserException(file + ": checkpoint format " + info.format() + ", this version reads "
                        + CheckpointInfo.FORMAT);
            }
            byte[] params = readBlock(in, in.readLong(), file);
            byte[] opt = readBlock(in, in.readLong(), file);
            return new Checkpoint(info, params, opt);
        } catch (EOFException e) {
            throw new UserException(file + ": checkpoint is truncated");
        } catch (IOException e) {
            throw new UserException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readBlock(DataInputStream in, long length, Path file) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
            throw new UserException(file + ": corrupt checkpoint (block length " + length + ")");
        }
        byte[] b = in.readNBytes((int) length);
        if (b.length != length) {
            throw new UserException(file + ": checkpoint is truncated");
        }
        return b;
    }

    /** Loads the parameters into a network built from {@link CheckpointInfo#spec()}. */
    public void loadParameters(Block net, NDManager manager) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            net.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new UserException("checkpoint parameters do not fit the network: " + e.getMessage(), e);
        }
    }

    /** Restores the optimizer's state (values copied; the decoded arrays are freed). */
    public void loadOptimizer(GradOptimizer optimizer, NDManager manager) {
        try (NDManager tmp = manager.newSubManager()) {
            NDList state = NDList.decode(tmp, optimizerState);
            optimizer.restore(state, info.updates());
        }
    }
}
