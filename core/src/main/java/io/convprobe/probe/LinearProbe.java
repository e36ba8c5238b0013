package io.convprobe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.convprobe.arch.ArchSpec;
import io.convprobe.data.Dataset;
import io.convprobe.memory.MemoryBudget;
import io.convprobe.memory.MemoryGovernor;
import io.convprobe.nn.Batches;
import io.convprobe.nn.ProbeNetwork;
import io.convprobe.stats.RidgeScorer;

/**
 * The published probe protocol for one architecture at a time: fresh random weights per
 * (spec, trial, seed), features of the first N train and test images, a scikit-learn-identical
 * ridge classifier, test and train accuracy, throughput.
 *
 * <p>The images are loaded once (float x/255, kept until {@link #close}); every trial runs in its
 * own NDManager sub-scope that is closed at its end, so native memory stays flat over any number of
 * architectures.
 *
 * <p><b>What is timed for throughput</b>: after one untimed warm-up batch (the first
 * {@code batchSize} train images), {@code System.nanoTime()} around the whole feature pass over the
 * train then the test images in batches of {@code batchSize}: slicing each batch, the forward pass
 * (conv/activation layers, PyTorch eager, so the work is done when the call returns), flattening
 * to batch×features, and concatenating the batch outputs into one features array per split.
 * Throughput = (train + test images) / those seconds. Not timed: weight generation, the warm-up,
 * the ridge fit. Features are not copied to the JVM at all (the Gram matrices are computed on the
 * engine), which matches the reference's {@code model(x)} + {@code .numpy()} (a zero-copy view on
 * CPU) + {@code np.concatenate}.
 */
public final class LinearProbe implements ArchProber {
    private final ProbeSettings settings;
    private final NDManager manager;
    private final ProbeImages images;
    private final RidgeScorer scorer = new RidgeScorer();
    private final io.convprobe.proxy.Proxies proxies;
    private final MemoryGovernor governor;

    /** Loads the images of {@code ds} the settings ask for into a new base manager. */
    public LinearProbe(Dataset ds, ProbeSettings settings) {
        this(ds, settings, NDManager.newBaseManager());
    }

    /** As above, in {@code manager}, which the probe closes when it closes. */
    public LinearProbe(Dataset ds, ProbeSettings settings, NDManager manager) {
        this(ds, settings, manager, io.convprobe.proxy.Proxies.none());
    }

    /**
     * As above, also computing {@code proxies} for every trial, after the ridge score and outside
     * the timed feature pass, on the same weights (NASWOT runs its own forward pass over the first
     * 128 train images here).
     */
    public LinearProbe(Dataset ds, ProbeSettings settings, NDManager manager, io.convprobe.proxy.Proxies proxies) {
        this(ds, settings, manager, proxies, MemoryBudget.NONE);
    }

    /**
     * As above, within the process's memory budget {@code memory}: before each network the governor
     * hands freed memory back when the process nears it (outside the timed pass).
     */
    public LinearProbe(Dataset ds, ProbeSettings settings, NDManager manager, io.convprobe.proxy.Proxies proxies,
            MemoryBudget memory) {
        this.settings = settings;
        this.manager = manager;
        this.proxies = proxies;
        this.governor = MemoryGovernor.of(memory);
        this.images = ProbeImages.loadOwned(ds, settings, manager);
        governor.register();
    }

    public ProbeImages images() {
        return images;
    }

    public ProbeSettings settings() {
        return settings;
    }

    @Override
    public TrialResult probe(ArchSpec spec, int trial) {
        try (NDManager scope = manager.newSubManager();
                ProbeNetwork net = ProbeNetwork.create(spec, images.shape(), scope, settings.seed(), trial)) {
            governor.admit(WorkingSet.bytes(net.summary(), images.trainSize(), images.testSize(), settings.batchSize(),
                    proxies)); // before the timed pass: a trim here costs the throughput nothing
            int bs = settings.batchSize();
            long warm = Math.min(bs, images.trainSize());
            try (NDManager w = scope.newSubManager()) {
                net.forward(Batches.slice(images.train(), 0, warm, w));
            }
            long t0 = System.nanoTime();
            NDArray train = net.features(images.train(), bs, scope);
            NDArray test = net.features(images.test(), bs, scope);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double throughput = (images.trainSize() + images.testSize()) / seconds;
            // centres the train features in place: nothing reads them after
            RidgeScorer.Score s = scorer.scoreConsuming(train, images.trainLabels(), test, images.testLabels(),
                    images.numClasses(), scope);
            TrialResult r = new TrialResult(trial, s.testAccuracy(), s.trainAccuracy(), throughput, s.seconds(),
                    net.summary().features());
            if (proxies.isEmpty()) {
                return r;
            }
            return r.withProxies(proxies.scores(new io.convprobe.proxy.ProxyInput(net.summary(), settings.seed(), trial,
                    images.train(), images.trainLabels(), images.numClasses(), bs, s.testAccuracy(), null, scope)));
        }
    }

    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            governor.unregister();
        }
    }
}
