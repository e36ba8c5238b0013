package io.convprobe.cells;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.convprobe.arch.GraphSpec;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.arch.Shape;
import io.convprobe.data.Dataset;
import io.convprobe.nn.Batches;
import io.convprobe.nn.GraphNetwork;
import io.convprobe.probe.ProbeImages;
import io.convprobe.proxy.Proxies;
import io.convprobe.proxy.ProxyInput;
import io.convprobe.proxy.ProxyNetwork;
import io.convprobe.stats.RidgeScorer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trial of one cell network: fresh random weights for (spec, seed, trial), the ridge probe on
 * its features ({@link Readout}: where the features are taken and how batch norm runs), and the
 * chosen zero-cost proxies as their reference implementations run them on NAS-Bench-201 (the whole
 * network with its classifier, batch norm on the batch; {@link ProxyNetwork#cell}).
 *
 * <p>Images: the first {@code trainSize} train and {@code testSize} test images, x/255 then
 * normalised by the per-channel mean and standard deviation {@link #CIFAR_MEAN}/{@link #CIFAR_STD}
 * (NAS-Bench-201's preprocessing; other datasets keep the same constants, which only shift and scale
 * the input). Each score is computed on its own and timed alone, so the seconds per score are what a
 * screen that asks for that score alone would pay (grad_norm and snip each run their backward pass).
 * Every trial runs in a sub-manager closed at its end.
 */
public final class CellProber implements AutoCloseable {
    public static final float[] CIFAR_MEAN = {0.4914f, 0.4822f, 0.4465f};
    public static final float[] CIFAR_STD = {0.2470f, 0.2435f, 0.2616f};

    /**
     * Where the ridge probe reads a cell network and how batch norm runs while it does.
     *
     * @param tap  {@code POOLED} (the classifier's input: 4C numbers) or {@code LAST_CELL} (the last
     *             cell's map, flattened: 4C·8·8 at 32×32)
     * @param norm {@code BATCH} (statistics of each probe batch) or {@code RUNNING} (fresh running
     *             statistics: a constant scale)
     */
    public record Readout(GraphNetwork.Tap tap, GraphNetwork.Norm norm) implements java.io.Serializable {
        public static final Readout DEFAULT = new Readout(GraphNetwork.Tap.POOLED, GraphNetwork.Norm.BATCH);

        /** {@code ridge} for the default readout, {@code ridge.<tap>.<norm>} for the others. */
        public String scoreName() {
            return equals(DEFAULT) ? "ridge" : "ridge." + tap.name().toLowerCase() + "." + norm.name().toLowerCase();
        }
    }

    /** The protocol: images, seed, the probe's batch size (batch norm's statistics are per batch). */
    public record Settings(int trainSize, int testSize, long seed, int batchSize) implements java.io.Serializable {
        public static final Settings DEFAULT = new Settings(500, 500, 0L, 64);

        /** The settings a screen probes with at {@code fidelity} images (train = test = fidelity). */
        public Settings at(int fidelity) {
            return new Settings(fidelity, fidelity, seed, batchSize);
        }
    }

    /**
     * One trial's scores (by name, in the order computed; NaN where undefined) and the seconds each
     * took. Serializable (the maps {@link #probe} builds are): a Spark executor sends it back to the driver.
     */
    public record Trial(int trial, Map<String, Double> scores, Map<String, Double> seconds) implements java.io.Serializable {}

    private final Settings settings;
    private final NDManager manager;
    private final ProbeImages images;
    private final NDArray train;
    private final NDArray test;
    private final Proxies proxies;
    private final List<Readout> readouts;
    private final Map<String, Proxies> single = new LinkedHashMap<>(); // each chosen proxy alone, so each is timed alone
    private final RidgeScorer scorer = new RidgeScorer();

    /**
     * @param readouts ridge readouts to fit (each a score: {@link Readout#scoreName}); used when
     *                 {@code proxies} contains {@code ridge} — the first is stored as {@code ridge}'s
     *                 value when it is the default, under its own name otherwise
     */
    public CellProber(Dataset ds, Settings settings, Proxies proxies, List<Readout> readouts) {
        this.settings = settings;
        this.proxies = proxies;
        this.readouts = List.copyOf(readouts);
        proxies.names().forEach(n -> single.put(n, Proxies.parse(n)));
        this.manager = NDManager.newBaseManager();
        try {
            this.images = ProbeImages.load(ds, settings.trainSize(), settings.testSize(), manager);
            this.train = normalise(images.train());
            this.test = normalise(images.test());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private NDArray normalise(NDArray x) {
        int c = (int) x.getShape().get(1);
        float[] mean = new float[c];
        float[] std = new float[c];
        for (int i = 0; i < c; i++) {
            mean[i] = CIFAR_MEAN[i % 3];
            std[i] = CIFAR_STD[i % 3];
        }
        ai.djl.ndarray.types.Shape s = new ai.djl.ndarray.types.Shape(1, c, 1, 1);
        return x.sub(manager.create(mean, s)).div(manager.create(std, s));
    }

    public Shape inputShape() {
        return images.shape();
    }

    public int numClasses() {
        return images.numClasses();
    }

    /** Every score of trial {@code trial} of {@code spec} (built for the dataset's classes). */
    public Trial probe(Nb201Spec spec, int trial) {
        GraphSpec g = spec.toGraph(images.numClasses());
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String name : proxies.names()) {
            if (name.equals("ridge")) {
                for (GraphNetwork.Norm norm : GraphNetwork.Norm.values()) {
                    List<Readout> same = readouts.stream().filter(r -> r.norm() == norm).toList();
                    if (same.isEmpty()) {
                        continue;
                    }
                    long t0 = System.nanoTime();
                    Map<Readout, Double> acc = ridge(g, trial, norm, same);
                    double each = (System.nanoTime() - t0) / 1e9 / same.size(); // one forward pass serves every tap
                    acc.forEach((r, v) -> {
                        scores.put(r.scoreName(), v);
                        seconds.put(r.scoreName(), each);
                    });
                }
                continue;
            }
            try (NDManager scope = manager.newSubManager()) {
                long t0 = System.nanoTime();
                ProxyInput in = new ProxyInput(ProxyNetwork.cell(g, images.shape(), settings.seed(), trial),
                        settings.seed(), trial, train, images.trainLabels(), images.numClasses(), ProxyInput.NASWOT_IMAGES,
                        Double.NaN, null, scope);
                double v = single.get(name).scores(in).get(name);
                scores.put(name, v);
                seconds.put(name, (System.nanoTime() - t0) / 1e9);
            }
        }
        return new Trial(trial, scores, seconds);
    }

    /** Test accuracy (%) of the ridge classifier on each readout's features; one forward pass per image. */
    private Map<Readout, Double> ridge(GraphSpec g, int trial, GraphNetwork.Norm norm, List<Readout> taps) {
        try (NDManager scope = manager.newSubManager();
                GraphNetwork net = GraphNetwork.create(g, images.shape(), settings.seed(), trial, scope, DataType.FLOAT32,
                        norm, false, false)) {
            List<NDArray> tr = features(net, train, taps, scope);
            List<NDArray> te = features(net, test, taps, scope);
            Map<Readout, Double> out = new LinkedHashMap<>();
            for (int i = 0; i < taps.size(); i++) {
                out.put(taps.get(i), scorer.score(tr.get(i), images.trainLabels(), te.get(i), images.testLabels(),
                        images.numClasses(), scope).testAccuracy());
            }
            return out;
        }
    }

    /** Each readout's features of all of {@code x}, in the probe's batches (batch norm's statistics are per batch). */
    private List<NDArray> features(GraphNetwork net, NDArray x, List<Readout> taps, NDManager into) {
        long n = x.getShape().get(0);
        List<NDList> outs = new ArrayList<>();
        taps.forEach(t -> outs.add(new NDList()));
        for (long from = 0; from < n; from += settings.batchSize()) {
            try (NDManager w = into.newSubManager()) {
                NDArray batch = Batches.slice(x, from, Math.min(n, from + settings.batchSize()), w);
                NDArray body = net.body(batch, GraphNetwork.ReluObserver.NONE);
                for (int i = 0; i < taps.size(); i++) {
                    NDArray f = taps.get(i).tap() == GraphNetwork.Tap.LAST_CELL
                            ? body.reshape(body.getShape().get(0), -1)
                            : net.head(body, taps.get(i).tap(), GraphNetwork.ReluObserver.NONE);
                    f.attach(into);
                    outs.get(i).add(f);
                }
            }
        }
        List<NDArray> all = new ArrayList<>();
        for (NDList o : outs) {
            NDArray a = o.size() == 1 ? o.get(0) : NDArrays.concat(o, 0);
            a.attach(into);
            all.add(a);
        }
        return all;
    }

    @Override
    public void close() {
        manager.close();
    }
}
