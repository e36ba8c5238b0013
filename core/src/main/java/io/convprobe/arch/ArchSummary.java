package io.convprobe.arch;

import java.util.List;

/**
 * Shape arithmetic for a whole spec on one input shape: per-layer rows and totals. MACs are per
 * example.
 */
public record ArchSummary(ArchSpec spec, Shape input, List<LayerInfo> layers) {
    public ArchSummary {
        layers = List.copyOf(layers);
    }

    public Shape output() {
        return layers.get(layers.size() - 1).output();
    }

    public long params() {
        return layers.stream().mapToLong(LayerInfo::params).sum();
    }

    public long macs() {
        return layers.stream().mapToLong(LayerInfo::macs).sum();
    }

    /**
     * Compression ratio: elements of the last feature map (the last C×H×W output, i.e. before any
     * flatten/linear head) over input elements. For a conv-only spec it is output/input elements,
     * the screen's definition; a head does not change it.
     */
    public double ratio() {
        Shape last = input;
        for (LayerInfo l : layers) {
            if (l.output().isImage()) {
                last = l.output();
            }
        }
        return (double) last.elements() / input.elements();
    }

    /** Receptive field of one output position, in input pixels (the last spatial layer's). */
    public int receptiveField() {
        return layers.get(layers.size() - 1).receptiveField();
    }

    /** Length of the flattened output: the probe's feature count. */
    public long features() {
        return output().elements();
    }
}
