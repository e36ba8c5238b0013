package io.convprobe.train.augment;

import io.convprobe.arch.Shape;
import io.convprobe.data.ImageBatch;

/**
 * One uint8 image, CHW planar and row-major within a channel (the layout of one sample in
 * {@link ImageBatch}). Byte {@code b} means pixel value {@code b & 0xFF}. Ops never modify an
 * image's array; they return a new image.
 */
public record UInt8Image(int channels, int height, int width, byte[] data) {
    public UInt8Image {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image sizes must be at least 1, got "
                    + channels + "x" + height + "x" + width);
        }
        if (data.length != channels * height * width) {
            throw new IllegalArgumentException("data has " + data.length + " bytes, "
                    + channels + "x" + height + "x" + width + " needs " + channels * height * width);
        }
    }

    /** A black (all zero) image. */
    public static UInt8Image zeros(int channels, int height, int width) {
        return new UInt8Image(channels, height, width, new byte[channels * height * width]);
    }

    /** Builds an image from pixel values 0..255 in CHW order (for tests and small literals). */
    public static UInt8Image of(int channels, int height, int width, int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 255) {
                throw new IllegalArgumentException("pixel " + values[i] + " outside 0..255");
            }
            data[i] = (byte) values[i];
        }
        return new UInt8Image(channels, height, width, data);
    }

    /** A copy of image {@code index} of {@code batch}. */
    public static UInt8Image fromBatch(ImageBatch batch, int index) {
        Shape s = batch.shape();
        int n = s.channels() * s.height() * s.width();
        byte[] data = new byte[n];
        System.arraycopy(batch.pixels(), index * n, data, 0, n);
        return new UInt8Image(s.channels(), s.height(), s.width(), data);
    }

    /** Copies this image's pixels into {@code dest} starting at {@code offset} (a batch slot). */
    public void writeTo(byte[] dest, int offset) {
        System.arraycopy(data, 0, dest, offset, data.length);
    }

    public Shape shape() {
        return Shape.chw(channels, height, width);
    }

    public int pixelCount() {
        return height * width;
    }

    /** Pixel value 0..255 at channel {@code c}, row {@code y}, column {@code x}. */
    public int get(int c, int y, int x) {
        return data[(c * height + y) * width + x] & 0xFF;
    }

    /** Pixel values 0..255 in CHW order. */
    public int[] values() {
        int[] v = new int[data.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = data[i] & 0xFF;
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UInt8Image other && channels == other.channels && height == other.height
                && width == other.width && java.util.Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(channels, height, width) + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "UInt8Image[" + channels + "x" + height + "x" + width + " "
                + java.util.Arrays.toString(values()) + "]";
    }
}
