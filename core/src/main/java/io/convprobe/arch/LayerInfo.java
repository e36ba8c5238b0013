package io.convprobe.arch;

/**
 * What one layer does to one example: input and output shape, learnable parameters,
 * multiply-accumulates (MACs, one multiply plus one add, per example; only conv and linear layers
 * count), and the receptive field of one output position on the network input, in input pixels.
 */
public record LayerInfo(int index, Layer layer, Shape input, Shape output, long params, long macs,
        int receptiveField) {}
