package io.convprobe.nn;

/** How a conv layer is computed: libtorch's own convolution, or {@link FftConv2d}. */
public enum ConvAlgorithm {
    DIRECT,
    FFT
}
