package io.convprobe.data;

import io.convprobe.arch.Shape;

/**
 * A run of images as uint8 pixels in NCHW order (channel-planar, row-major within a channel),
 * with their labels (0-based; -1 where a split has none). Pixel byte {@code b} means {@code b & 0xFF}.
 * Arrays are owned by the batch; callers must not modify them.
 */
public record ImageBatch(Shape shape, byte[] pixels, int[] labels) {
    public ImageBatch {
        if (!shape.isImage()) {
            throw new IllegalArgumentException("image batch needs a CxHxW shape, got " + shape);
        }
        if (pixels.length != (long) labels.length * shape.elements()) {
            throw new IllegalArgumentException("pixels (" + pixels.length + ") != " + labels.length
                    + " images x " + shape.elements());
        }
    }

    public int count() {
        return labels.length;
    }

    /** Pixel value 0..255 of image {@code i} at channel {@code c}, row {@code y}, column {@code x}. */
    public int pixel(int i, int c, int y, int x) {
        long off = i * shape.elements() + ((long) c * shape.height() + y) * shape.width() + x;
        return pixels[(int) off] & 0xFF;
    }
}
