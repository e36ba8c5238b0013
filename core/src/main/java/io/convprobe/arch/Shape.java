package io.convprobe.arch;

import io.convprobe.UserException;
import java.util.List;

/**
 * The shape of one example (no batch dimension): channels x height x width for images and
 * feature maps, or a single length for vectors after flatten/linear. Printed and parsed as
 * {@code 3x96x96} or {@code 800}.
 */
public record Shape(List<Integer> dims) {
    public Shape {
        dims = List.copyOf(dims);
        if (dims.size() != 1 && dims.size() != 3) {
            throw new IllegalArgumentException("shape must be CxHxW or N, got " + dims);
        }
    }

    public static Shape chw(int c, int h, int w) {
        return new Shape(List.of(c, h, w));
    }

    public static Shape vector(int n) {
        return new Shape(List.of(n));
    }

    /** Parses {@code 3x96x96} (also {@code 3,96,96}) or a single length. */
    public static Shape parse(String text) {
        String[] parts = text.trim().toLowerCase().split("[x,×*]");
        try {
            if (parts.length == 3) {
                Shape s = chw(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        Integer.parseInt(parts[2].trim()));
                if (s.channels() < 1 || s.height() < 1 || s.width() < 1) {
                    throw new UserException("input shape '" + text + "': every size must be at least 1");
                }
                return s;
            }
            if (parts.length == 1) {
                int n = Integer.parseInt(parts[0].trim());
                if (n < 1) {
                    throw new UserException("shape '" + text + "': size must be at least 1");
                }
                return vector(n);
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new UserException("shape '" + text + "': expected CxHxW such as 3x96x96");
    }

    public boolean isImage() {
        return dims.size() == 3;
    }

    public int channels() {
        return dims.get(0);
    }

    public int height() {
        return isImage() ? dims.get(1) : 1;
    }

    public int width() {
        return isImage() ? dims.get(2) : 1;
    }

    /** Number of scalars in one example. */
    public long elements() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The dims as a long[] with a leading batch dimension, for DJL's {@code ai.djl.ndarray.types.Shape}. */
    public long[] withBatch(long batch) {
        long[] out = new long[dims.size() + 1];
        out[0] = batch;
        for (int i = 0; i < dims.size(); i++) {
            out[i + 1] = dims.get(i);
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.size(); i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(dims.get(i));
        }
        return sb.toString();
    }
}
