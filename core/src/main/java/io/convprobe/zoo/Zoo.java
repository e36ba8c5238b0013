package io.convprobe.zoo;

import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Named models: part C's CIFAR-10 progression and the ten part A/B picks in 32 and 128 channels.
 *
 * <p>Part C models (all take the input's channels; all but the tutorial network adapt their depth to
 * the image size so the flattened features stay small):
 *
 * <ul>
 *   <li>{@code tutorial-net}: PyTorch's CIFAR-10 tutorial network, unchanged: conv 6 k5, ReLU, max 2,
 *       conv 16 k5, ReLU, max 2, linear 120, 84, classes. No padding, so the head follows the input:
 *       3x32x32 gives 16·5·5 = 400 features (62,006 parameters), 1x28x28 gives 28→24→12→8→4, i.e.
 *       16·4·4 = 256 features.
 *   <li>{@code simple-net}: a modern minimal CNN of the tutorial's size: three padded 3x3 convs
 *       (32, 64, 64) with ReLU, max 2 after the first two, global average pooling, one linear layer.
 *       Its parameter count does not depend on the image size (56,970 on 3x32x32).
 *   <li>{@code stacked-net}: more conv layers: per stage three (3x3 conv, batch norm, ReLU), then
 *       max 2 and dropout 0.1; widths 32, 64, 128, 128; head linear 256, ReLU, dropout 0.5.
 *   <li>{@code channel-net}: many more channels: per stage two (3x3 conv 96/192/192/192, batch norm,
 *       ReLU), max 2, dropout 0.25; head linear 256, ReLU, dropout 0.5.
 *   <li>{@code wobbly-net}: channel counts rise, fall and rise again: per stage 3x3 convs 64 → 128,
 *       batch norm + ReLU each, max 2, dropout 0.25, so the sequence is 64,128,64,128,...; head
 *       linear 256 → 64 → 128 → classes with ReLU (dropout 0.5 after the first).
 * </ul>
 *
 * Stages: one max-pool stage per halving while the smaller side exceeds 8 (at most 4, at least 1):
 * 28 and 32 pixels get 2 stages, 96 pixels 4.
 *
 * <p>Picks ({@code rcnn-k7.3.5-s2.1.2-d1.3.1-c32}): part A's three conv+ReLU layers (no padding)
 * plus flatten and linear to the classes, exactly as trained in part B; they expect inputs around
 * 96x96 (on 3x96x96 their parameter counts equal the published ones).
 */
public final class Zoo {
    /** The ten hand-picked screen networks: kernels | strides | dilations. */
    static final int[][][] PICKS = {
        {{7, 3, 5}, {2, 1, 2}, {1, 3, 1}},
        {{7, 3, 9}, {2, 1, 2}, {3, 1, 1}},
        {{9, 3, 7}, {3, 1, 1}, {1, 1, 1}},
        {{9, 3, 7}, {3, 1, 1}, {2, 1, 1}},
        {{9, 3, 5}, {3, 1, 1}, {1, 1, 1}},
        {{5, 5, 3}, {3, 1, 1}, {3, 1, 3}},
        {{7, 3, 3}, {3, 1, 1}, {3, 3, 1}},
        {{7, 3, 3}, {3, 1, 2}, {3, 1, 1}},
        {{5, 3, 5}, {3, 2, 1}, {2, 1, 1}},
        {{9, 9, 7}, {2, 2, 1}, {2, 1, 1}},
    };

    private static final Map<String, ZooModel> MODELS = build();

    private Zoo() {}

    /** The ten published picks as conv+ReLU bodies (no head) with {@code channels} per layer. */
    public static List<io.convprobe.arch.ArchSpec> publishedPicks(int channels) {
        List<io.convprobe.arch.ArchSpec> out = new java.util.ArrayList<>();
        for (int[][] p : PICKS) {
            out.add(io.convprobe.arch.ArchSpec.convRelu(new int[] {channels, channels, channels}, p[0], p[1], p[2]));
        }
        return out;
    }

    /** Every model, in listing order. */
    public static List<ZooModel> all() {
        return List.copyOf(MODELS.values());
    }

    public static Optional<ZooModel> find(String name) {
        return Optional.ofNullable(MODELS.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    public static ZooModel get(String name) {
        return find(name).orElseThrow(() -> new UserException("unknown model '" + name
                + "' (see 'convprobe zoo' for names, or give a spec such as c16k5-relu-max2-flat-fc10)"));
    }

    /** The zoo name of a pick, e.g. {@code rcnn-k7.3.5-s2.1.2-d1.3.1-c32}. */
    public static String pickName(int[] kernels, int[] strides, int[] dilations, int channels) {
        return "rcnn-k" + join(kernels) + "-s" + join(strides) + "-d" + join(dilations) + "-c" + channels;
    }

    private static String join(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? "." : "").append(v[i]);
        }
        return sb.toString();
    }

    private static Map<String, ZooModel> build() {
        Map<String, ZooModel> m = new LinkedHashMap<>();
        add(m, new ZooModel("tutorial-net", "cifar-study",
                "PyTorch CIFAR-10 tutorial CNN: conv6k5-max2-conv16k5-max2-fc120-fc84 (62,006 params on 3x32x32)",
                Zoo::tutorial));
        add(m, new ZooModel("simple-net", "cifar-study",
                "3 padded 3x3 convs (32,64,64), 2 max-pools, global avg pool, 1 linear; tutorial-sized, any image size",
                Zoo::simple));
        add(m, new ZooModel("stacked-net", "cifar-study",
                "more conv layers: stages of 3x(conv3x3+bn+relu), max2, dropout; widths 32,64,128; fc256",
                Zoo::stacked));
        add(m, new ZooModel("channel-net", "cifar-study",
                "many channels: stages of 2x(conv3x3+bn+relu) at 96,192; max2, dropout; fc256",
                Zoo::channel));
        add(m, new ZooModel("wobbly-net", "cifar-study",
                "channels rise, fall, rise: convs 64,128,64,128,...; linear 256,64,128; bn, dropout",
                Zoo::wobbly));
        for (int channels : new int[] {32, 128}) {
            for (int[][] p : PICKS) {
                String name = pickName(p[0], p[1], p[2], channels);
                int[] ch = {channels, channels, channels};
                ArchSpec convs = ArchSpec.convRelu(ch, p[0], p[1], p[2]);
                add(m, new ZooModel(name, "screen-pick",
                        "part A/B pick: 3 conv+relu, ks " + join(p[0]) + " st " + join(p[1]) + " di " + join(p[2])
                                + ", " + channels + " channels, + linear head",
                        (in, classes) -> convs.withHead(classes)));
            }
        }
        return m;
    }

    private static void add(Map<String, ZooModel> m, ZooModel model) {
        m.put(model.name(), model);
    }

    // ---------------------------------------------------------------- part C models

    static ArchSpec tutorial(Shape in, int classes) {
        List<Layer> l = new ArrayList<>();
        l.add(conv(6, 5, 0));
        l.add(relu());
        l.add(max2());
        l.add(conv(16, 5, 0));
        l.add(relu());
        l.add(max2());
        l.add(new Layer.Flatten());
        l.add(new Layer.Linear(120, true));
        l.add(relu());
        l.add(new Layer.Linear(84, true));
        l.add(relu());
        l.add(new Layer.Linear(classes, true));
        return new ArchSpec(l);
    }

    static ArchSpec simple(Shape in, int classes) {
        List<Layer> l = new ArrayList<>();
        l.add(conv(32, 3, 1));
        l.add(relu());
        l.add(max2());
        l.add(conv(64, 3, 1));
        l.add(relu());
        l.add(max2());
        l.add(conv(64, 3, 1));
        l.add(relu());
        int side = Math.max(1, Math.min(in.height(), in.width()) / 4);
        l.add(new Layer.Pool(Layer.PoolKind.AVG, side, side, 0)); // global average pooling
        l.add(new Layer.Flatten());
        l.add(new Layer.Linear(classes, true));
        return new ArchSpec(l);
    }

    static ArchSpec stacked(Shape in, int classes) {
        int[] widths = {32, 64, 128, 128};
        List<Layer> l = new ArrayList<>();
        for (int s = 0; s < stages(in); s++) {
            for (int i = 0; i < 3; i++) {
                convBnRelu(l, widths[s]);
            }
            l.add(max2());
            l.add(new Layer.Dropout(0.1));
        }
        head(l, classes, 256);
        return new ArchSpec(l);
    }

    static ArchSpec channel(Shape in, int classes) {
        int[] widths = {96, 192, 192, 192};
        List<Layer> l = new ArrayList<>();
        for (int s = 0; s < stages(in); s++) {
            convBnRelu(l, widths[s]);
            convBnRelu(l, widths[s]);
            l.add(max2());
            l.add(new Layer.Dropout(0.25));
        }
        head(l, classes, 256);
        return new ArchSpec(l);
    }

    static ArchSpec wobbly(Shape in, int classes) {
        List<Layer> l = new ArrayList<>();
        for (int s = 0; s < stages(in); s++) {
            convBnRelu(l, 64);
            convBnRelu(l, 128);
            l.add(max2());
            l.add(new Layer.Dropout(0.25));
        }
        l.add(new Layer.Flatten());
        l.add(new Layer.Linear(256, true));
        l.add(relu());
        l.add(new Layer.Dropout(0.5));
        l.add(new Layer.Linear(64, true));
        l.add(relu());
        l.add(new Layer.Linear(128, true));
        l.add(relu());
        l.add(new Layer.Linear(classes, true));
        return new ArchSpec(l);
    }

    /** Max-pool stages: halve while the smaller side exceeds 8, between 1 and 4 times. */
    static int stages(Shape in) {
        int side = Math.min(in.height(), in.width());
        int n = 0;
        while (side > 8 && n < 4) {
            side /= 2;
            n++;
        }
        return Math.max(1, n);
    }

    private static void convBnRelu(List<Layer> l, int width) {
        l.add(conv(width, 3, 1));
        l.add(new Layer.BatchNorm());
        l.add(relu());
    }

    private static void head(List<Layer> l, int classes, int hidden) {
        l.add(new Layer.Flatten());
        l.add(new Layer.Linear(hidden, true));
        l.add(relu());
        l.add(new Layer.Dropout(0.5));
        l.add(new Layer.Linear(classes, true));
    }

    private static Layer conv(int out, int k, int pad) {
        return new Layer.Conv(out, k, 1, 1, pad, true);
    }

    private static Layer relu() {
        return new Layer.Act(Layer.Activation.RELU);
    }

    private static Layer max2() {
        return new Layer.Pool(Layer.PoolKind.MAX, 2, 2, 0);
    }
}
