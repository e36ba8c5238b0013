package io.convprobe.data;

import io.convprobe.UserException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Python pickles with numpy arrays, read with Pyrolite's {@link Unpickler}: what numpy's
 * {@code ndarray.__reduce__} writes is turned into an {@link NdArray} (dtype, shape, raw bytes)
 * instead of Pyrolite's generic class dictionary. Covers both ways numpy pickles an array:
 * {@code numpy.core.multiarray._reconstruct} + {@code __setstate__} (protocols 0–4, including the
 * Python 2 files of the CIFAR archives, whose byte strings Pyrolite hands over as latin-1 text) and
 * {@code numpy.core.numeric._frombuffer} (protocol 5); numpy 2's {@code numpy._core} names too.
 * Pyrolite executes nothing: unknown classes become plain dictionaries.
 */
public final class PythonPickle {
    static {
        for (String core : List.of("numpy.core", "numpy._core")) {
            Unpickler.registerConstructor(core + ".multiarray", "_reconstruct", args -> new NdArray());
            Unpickler.registerConstructor(core + ".numeric", "_frombuffer", PythonPickle::fromBuffer);
        }
        Unpickler.registerConstructor("numpy", "dtype", args -> new Dtype(String.valueOf(args[0])));
    }

    private PythonPickle() {}

    /** A numpy array's dtype: {@code u1}, {@code i8}, ... and its byte order from {@code __setstate__}. */
    public static final class Dtype {
        final String name;
        String byteOrder = "|";

        Dtype(String name) {
            this.name = name;
        }

        /** numpy's dtype state: (version, byte order, subarray, names, fields, itemsize, alignment, flags). */
        public void __setstate__(Object[] state) {
            if (state.length > 1 && state[1] instanceof String s) {
                byteOrder = s;
            }
        }

        @Override
        public String toString() {
            return byteOrder + name;
        }
    }

    /** A numpy array as pickled: dtype, shape and its raw C-order bytes. */
    public static final class NdArray {
        Dtype dtype;
        int[] shape;
        byte[] data;
        boolean fortran;

        /** ndarray state: (version, shape, dtype, is_fortran, raw data). */
        public void __setstate__(Object[] state) {
            if (state.length != 5) {
                throw new PickleException("ndarray state has " + state.length + " items; expected 5");
            }
            shape = ints(state[1]);
            dtype = (Dtype) state[2];
            fortran = Boolean.TRUE.equals(state[3]);
            data = bytes(state[4]);
        }

        public String dtype() {
            return dtype == null ? "?" : dtype.name;
        }

        public int[] shape() {
            return shape;
        }

        public byte[] data() {
            return data;
        }
    }

    private static Object fromBuffer(Object[] args) {
        // _frombuffer(buffer, dtype, shape, order)
        NdArray a = new NdArray();
        a.data = bytes(args[0]);
        a.dtype = (Dtype) args[1];
        a.shape = ints(args[2]);
        a.fortran = "F".equals(args[3]);
        return a;
    }

    private static int[] ints(Object tuple) {
        Object[] t = (Object[]) tuple;
        int[] out = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = Math.toIntExact(((Number) t[i]).longValue());
        }
        return out;
    }

    /** Python 3 bytes (byte[]) or Python 2 str (Pyrolite's latin-1 String) as bytes. */
    static byte[] bytes(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new PickleException("expected bytes, got " + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    /**
     * Unpickles a stream that must hold a dict; keys (Python 2 str or 3 str/bytes) become Strings,
     * as {@code pickle.load(f, encoding="latin1")} gives them. Any failure is a one-line
     * {@link UserException} naming {@code source}.
     */
    public static Map<String, Object> readDict(String source, InputStream in) {
        Object o;
        try {
            o = new Unpickler().load(new BufferedInputStream(in, 1 << 16));
        } catch (IOException | PickleException | ClassCastException | ArithmeticException e) {
            throw new UserException(source + " is not a readable Python pickle (" + e.getMessage()
                    + "): truncated or not this format", e);
        } catch (RuntimeException e) {
            // Pyrolite reports unknown opcodes and stack underflows as runtime exceptions of its own.
            throw new UserException(source + " is not a readable Python pickle (" + e + "): truncated or not this format", e);
        }
        if (!(o instanceof Map<?, ?> m)) {
            throw new UserException(source + " holds a pickled " + (o == null ? "None" : o.getClass().getSimpleName())
                    + "; expected a dict");
        }
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object k = e.getKey();
            out.put(k instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(k), e.getValue());
        }
        return out;
    }
}
