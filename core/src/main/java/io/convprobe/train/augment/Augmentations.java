package io.convprobe.train.augment;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import io.convprobe.data.ImageBatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** The {@code --augment} flag and batch-level application. */
public final class Augmentations {
    /** Valid names, in the order they are applied whatever order the user wrote them in. */
    public static final List<String> NAMES = List.of("none", "crop-flip", "trivialwide", "erasing");

    private Augmentations() {
    }

    /**
     * Parses {@code none}, or one or more of {@code crop-flip}, {@code trivialwide},
     * {@code erasing} joined by {@code +} or {@code ,}. They are applied in a fixed order, as in
     * torchvision's reference training recipe: crop and flip, then TrivialAugmentWide, then random
     * erasing last. crop-flip is RandomCrop(padding 4, same size) then HorizontalFlip(0.5).
     */
    public static Compose parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new UserException("--augment: empty; expected one of " + NAMES + ", combined with '+'");
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String raw : spec.split("[+,]", -1)) {
            String token = raw.trim().toLowerCase(Locale.ROOT);
            if (!NAMES.contains(token)) {
                throw new UserException("--augment '" + spec + "': unknown augmentation '" + raw.trim()
                        + "'; valid: " + String.join(", ", NAMES) + " (combine with '+')");
            }
            chosen.add(token);
        }
        if (chosen.contains("none") && chosen.size() > 1) {
            throw new UserException("--augment '" + spec + "': 'none' cannot be combined with others");
        }
        List<Augmentation> steps = new ArrayList<>();
        if (chosen.contains("crop-flip")) {
            steps.add(RandomCrop.sameSize(4));
            steps.add(new HorizontalFlip(0.5));
        }
        if (chosen.contains("trivialwide")) {
            steps.add(new TrivialAugmentWide());
        }
        if (chosen.contains("erasing")) {
            steps.add(RandomErasing.defaults());
        }
        return new Compose(steps);
    }

    /**
     * Augments every image of {@code batch} into a new batch (labels copied). Image {@code i} uses
     * its own generator seeded from ({@code seed}, {@code i}), so the result depends only on the
     * seed and the batch, not on which thread runs it or in what order. Augmentations must keep the
     * image shape the same for all images (crop size may differ from the input, but consistently).
     */
    public static ImageBatch augmentBatch(ImageBatch batch, Augmentation augmentation, long seed) {
        int n = batch.count();
        if (n == 0) {
            return new ImageBatch(batch.shape(), new byte[0], new int[0]);
        }
        UInt8Image[] out = new UInt8Image[n];
        for (int i = 0; i < n; i++) {
            out[i] = augmentation.apply(UInt8Image.fromBatch(batch, i), sampleRandom(seed, i));
        }
        Shape shape = out[0].shape();
        int size = out[0].data().length;
        byte[] pixels = new byte[n * size];
        for (int i = 0; i < n; i++) {
            if (!out[i].shape().equals(shape)) {
                throw new IllegalStateException("augmented image " + i + " is " + out[i].shape()
                        + " but image 0 is " + shape);
            }
            out[i].writeTo(pixels, i * size);
        }
        return new ImageBatch(shape, pixels, batch.labels().clone());
    }

    /**
     * The generator for sample {@code index} under {@code seed}: both are mixed through
     * SplitMix64's finaliser so neighbouring seeds and indices give unrelated streams.
     */
    public static RandomGenerator sampleRandom(long seed, long index) {
        return new SplittableRandom(mix64(mix64(seed) + index * 0x9E3779B97F4A7C15L));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
