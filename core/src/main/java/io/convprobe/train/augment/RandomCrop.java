package io.convprobe.train.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision {@code RandomCrop(size, padding)}: pads every side by {@code padding} pixels of
 * {@code fill} (constant mode), then takes a uniformly placed {@code height x width} window.
 * A size of 0 means "the input's size", the usual CIFAR recipe (pad 4, crop back to 32x32).
 */
public record RandomCrop(int height, int width, int padding, int fill) implements Augmentation {
    public RandomCrop {
        if (height < 0 || width < 0 || padding < 0) {
            throw new IllegalArgumentException("crop size and padding must be non-negative");
        }
        if (fill < 0 || fill > 255) {
            throw new IllegalArgumentException("fill must be 0..255, got " + fill);
        }
    }

    /** Zero padding, cropped back to the input size. */
    public static RandomCrop sameSize(int padding) {
        return new RandomCrop(0, 0, padding, 0);
    }

    @Override
    public UInt8Image apply(UInt8Image image, RandomGenerator random) {
        int th = height == 0 ? image.height() : height;
        int tw = width == 0 ? image.width() : width;
        UInt8Image padded = padding == 0 ? image
                : GeometricOps.pad(image, padding, padding, padding, padding, fill);
        int h = padded.height();
        int w = padded.width();
        if (h < th || w < tw) {
            throw new IllegalArgumentException("crop " + th + "x" + tw + " larger than padded image "
                    + h + "x" + w);
        }
        if (h == th && w == tw) {
            return padded; // torchvision draws nothing in this case either
        }
        int top = random.nextInt(h - th + 1);
        int left = random.nextInt(w - tw + 1);
        return GeometricOps.crop(padded, top, left, th, tw);
    }
}
