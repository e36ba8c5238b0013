package io.convprobe.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.convprobe.UserException;
import java.lang.reflect.Field;
import java.util.Locale;

/**
 * {@code --device cpu|gpu|auto}: which device every {@code NDManager.newBaseManager()} uses.
 * DJL picks the engine's default device once (GPU 0 when the loaded libtorch has CUDA and a GPU is
 * visible, else CPU) and offers no setter, so a request other than {@code auto} overwrites that
 * choice (and the system manager's, which every base manager inherits) before any array is made. Which libtorch is loaded decides what is possible: the default
 * build carries the CPU library (offline, from Maven Central); a CUDA libtorch comes from
 * {@code PYTORCH_LIBRARY_PATH} (e.g. a pip-installed torch 2.7.1+cu128, with PYTORCH_VERSION and
 * PYTORCH_FLAVOR) or DJL's download with {@code ai.djl.offline=false} in a {@code -Pcuda} build
 * (README "GPU").
 */
public final class EngineDevice {
    public enum Choice {
        CPU, GPU, AUTO;

        public static Choice parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserException("--device '" + s + "': expected cpu, gpu or auto");
            }
        }
    }

    private static volatile Choice requested = Choice.AUTO;

    private EngineDevice() {}

    /** Records the request; the engine is touched only when it is not {@code auto} (DJL's own rule). */
    public static void request(Choice c) {
        requested = c;
        if (c != Choice.AUTO) {
            apply();
        }
    }

    public static Choice requested() {
        return requested;
    }

    /** Starts the engine and makes its default device the requested one; returns it. */
    public static synchronized Device apply() {
        Engine e = Engine.getEngine("PyTorch");
        int gpus = e.getGpuCount();
        Device d = switch (requested) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new UserException("--device gpu: the PyTorch engine sees no GPU (libtorch " + e.getVersion()
                            + " from " + libtorchPath() + "); install a CUDA libtorch as README 'GPU' says, or use"
                            + " --device cpu");
                }
                yield Device.gpu(0);
            }
            case AUTO -> e.defaultDevice();
        };
        if (!d.equals(e.defaultDevice())) {
            setDefault(e, d);
        }
        return d;
    }

    /** One line for --version and run configurations, e.g. {@code cpu (libtorch 2.7.1 cpu, 0 GPUs visible)}. */
    public static String describe() {
        Device d = apply();
        Engine e = Engine.getEngine("PyTorch");
        return (d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu") + " (--device " + requested.name().toLowerCase(Locale.ROOT)
                + "; libtorch " + e.getVersion() + " " + flavor() + ", " + e.getGpuCount() + " GPU(s) visible)";
    }

    private static String libtorchPath() {
        try {
            return ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
        } catch (RuntimeException ex) {
            return "?";
        }
    }

    /** The libtorch flavour, from its cache folder name (2.7.1-cpu-linux-x86_64) or PYTORCH_FLAVOR. */
    static String flavor() {
        String env = System.getenv("PYTORCH_FLAVOR");
        String path = libtorchPath();
        String name = java.nio.file.Path.of(path).getFileName() == null ? "" : java.nio.file.Path.of(path).getFileName().toString();
        for (String part : name.split("-")) {
            if (part.equals("cpu") || part.startsWith("cu")) {
                return part;
            }
        }
        return env != null ? env : "from " + path;
    }

    private static void setDefault(Engine e, Device d) {
        try {
            Field f = Engine.class.getDeclaredField("defaultDevice");
            f.setAccessible(true);
            f.set(e, d);
            // The system manager (parent of every newBaseManager()) took the old default at start-up.
            Field m = ai.djl.ndarray.BaseNDManager.class.getDeclaredField("device");
            m.setAccessible(true);
            java.lang.reflect.Method sys = ai.djl.pytorch.engine.PtNDManager.class.getDeclaredMethod("getSystemManager");
            sys.setAccessible(true);
            m.set(sys.invoke(null), d);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot set DJL's default device (DJL " + Engine.getDjlVersion()
                    + " changed Engine.defaultDevice?)", ex);
        }
    }
}
