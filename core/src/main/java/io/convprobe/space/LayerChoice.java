package io.convprobe.space;

import io.convprobe.arch.Layer;

/** One layer's pick from a space: a conv (square kernel) followed by an activation. */
public record LayerChoice(int channels, int kernel, int stride, int dilation, int padding, Layer.Activation activation) {
    public Layer.Conv conv() {
        return new Layer.Conv(channels, kernel, stride, dilation, padding, true);
    }

    public int effectiveKernel() {
        return dilation * (kernel - 1) + 1;
    }
}
