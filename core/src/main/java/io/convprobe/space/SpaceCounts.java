package io.convprobe.space;

/**
 * How many specs a space holds for one input shape: all of them, those whose every layer fits
 * (PyTorch's forward pass would succeed), and those that also have a compression ratio in range.
 */
public record SpaceCounts(long total, long shapeValid, long valid) {}
