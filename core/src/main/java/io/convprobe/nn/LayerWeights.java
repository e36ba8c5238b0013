package io.convprobe.nn;

/**
 * Initial values for one layer's parameters, in PyTorch's layouts: conv weight
 * (out, in, k, k), linear weight (out, in); {@code bias} is null when the layer has none.
 */
public record LayerWeights(float[] weight, long[] weightShape, float[] bias) {}
