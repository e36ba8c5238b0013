package io.convprobe.train.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision {@code RandomErasing} (Zhong et al. 2017): with probability {@code p}, sets a
 * rectangle to {@code value} in all channels. Its area is a uniform fraction in [scaleMin,
 * scaleMax] of the image, its aspect ratio h/w log-uniform in [ratioMin, ratioMax]; up to 10
 * tries to find one that fits, else the image is left alone (as torchvision).
 *
 * <p>Difference from torchvision: there it runs on normalised float tensors, so value 0 means the
 * dataset mean colour; here it runs on uint8 pixels and 0 is black. The per-channel mean, as a
 * uint8 fill, would be the faithful equivalent; pass it as {@code value} if wanted.
 */
public record RandomErasing(double p, double scaleMin, double scaleMax, double ratioMin, double ratioMax,
        int value) implements Augmentation {
    private static final int ATTEMPTS = 10;

    public RandomErasing {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("erasing probability must be in [0, 1], got " + p);
        }
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1)) {
            throw new IllegalArgumentException("erasing scale must satisfy 0 < min <= max <= 1");
        }
        if (!(ratioMin > 0 && ratioMin <= ratioMax)) {
            throw new IllegalArgumentException("erasing ratio must satisfy 0 < min <= max");
        }
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("erasing value must be 0..255, got " + value);
        }
    }

    /** torchvision's defaults: p 0.5, scale (0.02, 0.33), ratio (0.3, 3.3), value 0. */
    public static RandomErasing defaults() {
        return new RandomErasing(0.5, 0.02, 0.33, 0.3, 3.3, 0);
    }

    @Override
    public UInt8Image apply(UInt8Image image, RandomGenerator random) {
        if (!(random.nextDouble() < p)) {
            return image;
        }
        int imgH = image.height();
        int imgW = image.width();
        double area = (double) imgH * imgW;
        double logMin = Math.log(ratioMin);
        double logMax = Math.log(ratioMax);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double eraseArea = area * uniform(random, scaleMin, scaleMax);
            double aspect = Math.exp(uniform(random, logMin, logMax));
            // Python round(): half to even.
            int h = (int) Math.rint(Math.sqrt(eraseArea * aspect));
            int w = (int) Math.rint(Math.sqrt(eraseArea / aspect));
            if (!(h < imgH && w < imgW)) {
                continue;
            }
            int top = random.nextInt(imgH - h + 1);
            int left = random.nextInt(imgW - w + 1);
            return GeometricOps.erase(image, top, left, h, w, value);
        }
        return image;
    }

    private static double uniform(RandomGenerator random, double lo, double hi) {
        return lo == hi ? lo : random.nextDouble(lo, hi);
    }
}
