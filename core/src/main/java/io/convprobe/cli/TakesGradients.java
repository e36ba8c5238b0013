package io.convprobe.cli;

/**
 * A command that may take float32 gradients: training (the default), or a gradient proxy. {@link
 * Main} caps oneDNN's instruction set for it before anything runs (libtorch's AVX-512 convolution
 * backward is wrong; docs/design.md) and leaves forward-only commands at the full instruction set,
 * where they are faster and exact.
 */
interface TakesGradients {
    /** Whether this invocation, with its parsed options, takes float32 gradients (a trainer always does). */
    default boolean takesFloat32Gradients() {
        return true;
    }
}
