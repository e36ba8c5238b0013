package io.convprobe.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convprobe.UserException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (huggingface/safetensors): an unsigned little-endian 64-bit header length
 * N, N bytes of UTF-8 JSON — {@code {"name": {"dtype": "F32", "shape": [..], "data_offsets": [b, e]},
 * ..., "__metadata__": {string: string}}}, offsets relative to the byte buffer after the header —
 * padded with spaces to a multiple of 8, then the tensors' little-endian bytes back to back with no
 * gaps (the reference loader rejects holes). Only the two types an export needs: F32 and I64.
 */
public final class SafeTensors {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One tensor: F32 values or one I64 scalar-or-array. */
    public record Tensor(String name, long[] shape, float[] f32, long[] i64) {
        public static Tensor f32(String name, long[] shape, float[] values) {
            return new Tensor(name, shape, values, null);
        }

        public static Tensor i64(String name, long[] shape, long[] values) {
            return new Tensor(name, shape, null, values);
        }

        String dtype() {
            return f32 != null ? "F32" : "I64";
        }

        long bytes() {
            return f32 != null ? 4L * f32.length : 8L * i64.length;
        }
    }

    private final List<Tensor> tensors = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    public SafeTensors add(Tensor t) {
        long n = 1;
        for (long d : t.shape()) {
            n *= d;
        }
        long have = t.f32() != null ? t.f32().length : t.i64().length;
        if (n != have) {
            throw new IllegalArgumentException(t.name() + ": shape holds " + n + " values, got " + have);
        }
        tensors.add(t);
        return this;
    }

    public SafeTensors metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** The header JSON bytes, padded with spaces to a multiple of 8. */
    byte[] header() {
        ObjectNode root = JSON.createObjectNode();
        long offset = 0;
        for (Tensor t : tensors) {
            ObjectNode o = root.putObject(t.name());
            o.put("dtype", t.dtype());
            ArrayNode shape = o.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            ArrayNode off = o.putArray("data_offsets");
            off.add(offset);
            offset += t.bytes();
            off.add(offset);
        }
        if (!metadata.isEmpty()) {
            ObjectNode m = root.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            out[i] = ' ';
        }
        return out;
    }

    /** Writes the file (to a temporary name first, then renamed). */
    public void write(Path file) {
        byte[] header = header();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(len.array());
            out.write(header);
            for (Tensor t : tensors) {
                ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(t.bytes())).order(ByteOrder.LITTLE_ENDIAN);
                if (t.f32() != null) {
                    b.asFloatBuffer().put(t.f32());
                } else {
                    b.asLongBuffer().put(t.i64());
                }
                out.write(b.array());
            }
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file's header JSON (tests and checks): the names, dtypes, shapes and offsets. */
    public static Map<String, Object> readHeader(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            if (all.length < 8) {
                throw new UserException(file + " is not a safetensors file: " + all.length + " bytes");
            }
            long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n < 2 || 8 + n > all.length) {
                throw new UserException(file + " is not a safetensors file: header length " + n);
            }
            String json = new String(all, 8, (int) n, StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(json, LinkedHashMap.class);
            return m;
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
