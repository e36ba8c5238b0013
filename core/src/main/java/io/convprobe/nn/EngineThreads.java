package io.convprobe.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.convprobe.UserException;
import io.convprobe.memory.NativeMemory;

/**
 * PyTorch's intra-op thread count (the threads one conv or matmul uses). libtorch defaults to the
 * number of cores; {@code ai.djl.pytorch.num_threads} is read only when the engine starts, so we
 * start the engine and call {@code at::set_num_threads} through DJL's JNI, which works at any time.
 * Setting the threads is where every engine workload starts, so it also tunes the native allocator
 * ({@link NativeMemory}) for callers that do not come through the command line.
 */
public final class EngineThreads {
    private EngineThreads() {}

    public static void set(int threads) {
        if (threads < 1) {
            throw new UserException("--threads must be at least 1, got " + threads);
        }
        NativeMemory.tune();
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
