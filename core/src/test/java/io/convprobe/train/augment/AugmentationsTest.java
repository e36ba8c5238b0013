package io.convprobe.train.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convprobe.UserException;
import io.convprobe.arch.Shape;
import io.convprobe.data.ImageBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AugmentationsTest {
    @Test
    void noneIsTheIdentity() {
        Compose none = Augmentations.parse("none");
        assertThat(none.steps()).isEmpty();
        UInt8Image img = UInt8Image.of(1, 1, 2, 3, 4);
        assertThat(none.apply(img, Augmentations.sampleRandom(0, 0))).isEqualTo(img);
    }

    @Test
    void combinationsRunInCanonicalOrderWhateverTheSpelling() {
        assertThat(Augmentations.parse("trivialwide+crop-flip").steps()).extracting(Object::getClass)
                .containsExactly(RandomCrop.class, HorizontalFlip.class, TrivialAugmentWide.class);
        assertThat(Augmentations.parse(" Erasing , TrivialWide ").steps()).extracting(Object::getClass)
                .containsExactly(TrivialAugmentWide.class, RandomErasing.class);
        assertThat(Augmentations.parse("crop-flip").steps())
                .containsExactly(RandomCrop.sameSize(4), new HorizontalFlip(0.5));
        assertThat(Augmentations.parse("erasing+erasing").steps()).containsExactly(RandomErasing.defaults());
    }

    @Test
    void badSpecsNameTheTokenAndTheValidOnes() {
        assertThatThrownBy(() -> Augmentations.parse("trivialwide+flip"))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("'flip'")
                .hasMessageContaining("none, crop-flip, trivialwide, erasing");
        assertThatThrownBy(() -> Augmentations.parse("none+erasing"))
                .isInstanceOf(UserException.class).hasMessageContaining("'none' cannot be combined");
        assertThatThrownBy(() -> Augmentations.parse(" ")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> Augmentations.parse("crop-flip+")).isInstanceOf(UserException.class)
                .hasMessageContaining("''");
    }

    private static ImageBatch batch(int n) {
        Shape shape = Shape.chw(3, 8, 8);
        byte[] pixels = new byte[(int) (n * shape.elements())];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37 + i / 5);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return new ImageBatch(shape, pixels, labels);
    }

    @Test
    void augmentBatchUsesOneDerivedGeneratorPerSample() {
        ImageBatch in = batch(6);
        Augmentation aug = Augmentations.parse("crop-flip+trivialwide+erasing");
        ImageBatch out = Augmentations.augmentBatch(in, aug, 42);
        assertThat(out.shape()).isEqualTo(in.shape());
        assertThat(out.labels()).containsExactly(in.labels()).isNotSameAs(in.labels());
        for (int i = 0; i < in.count(); i++) {
            UInt8Image expected = aug.apply(UInt8Image.fromBatch(in, i), Augmentations.sampleRandom(42, i));
            assertThat(UInt8Image.fromBatch(out, i)).isEqualTo(expected);
        }
        assertThat(in.pixels()).isEqualTo(batch(6).pixels()); // input untouched
    }

    @Test
    void augmentBatchIsDeterministicPerSeedAndAcrossThreads() throws Exception {
        ImageBatch in = batch(16);
        Augmentation aug = Augmentations.parse("trivialwide+crop-flip");
        ImageBatch reference = Augmentations.augmentBatch(in, aug, 7);
        assertThat(Augmentations.augmentBatch(in, aug, 8).pixels()).isNotEqualTo(reference.pixels());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ImageBatch>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> Augmentations.augmentBatch(in, aug, 7)));
            }
            for (Future<ImageBatch> run : runs) {
                assertThat(run.get().pixels()).isEqualTo(reference.pixels());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void augmentBatchFollowsAShapeChangingCrop() {
        ImageBatch out = Augmentations.augmentBatch(batch(3), new RandomCrop(5, 6, 0, 0), 1);
        assertThat(out.shape()).isEqualTo(Shape.chw(3, 5, 6));
        assertThat(out.count()).isEqualTo(3);
    }

    @Test
    void sampleGeneratorsDifferAcrossIndicesAndSeeds() {
        long a = Augmentations.sampleRandom(1, 0).nextLong();
        assertThat(Augmentations.sampleRandom(1, 1).nextLong()).isNotEqualTo(a);
        assertThat(Augmentations.sampleRandom(2, 0).nextLong()).isNotEqualTo(a);
        assertThat(Augmentations.sampleRandom(1, 0).nextLong()).isEqualTo(a);
    }
}
