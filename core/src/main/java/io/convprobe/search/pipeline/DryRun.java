package io.convprobe.search.pipeline;

import io.convprobe.search.ArchStatus;
import io.convprobe.search.Candidates;
import io.convprobe.search.CostModel;
import io.convprobe.search.Progress;
import io.convprobe.search.ResultStore;
import io.convprobe.store.TimingCache;
import io.convprobe.search.ScreenEstimate;
import io.convprobe.search.SearchConfig;
import ai.djl.ndarray.NDManager;
import io.convprobe.UserException;
import io.convprobe.arch.ArchSpec;
import io.convprobe.arch.ArchSummary;
import io.convprobe.arch.Shape;
import io.convprobe.arch.ShapeInference;
import io.convprobe.data.Dataset;
import io.convprobe.nn.ConvAlgorithm;
import io.convprobe.nn.EngineThreads;
import io.convprobe.nn.LayerShape;
import io.convprobe.probe.LayerTimer;
import io.convprobe.probe.LayerTimings;
import io.convprobe.probe.PrefixSweep;
import io.convprobe.probe.ProbeSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code search --dry-run}: counts, the distinct layer shapes, and the screen's estimate
 * ({@link ScreenEstimate}) for trial 0 and for all trials. The model needs the timing table: with
 * {@code fillTimings} it is filled into the run's store (the search then reuses it), otherwise
 * measured in memory and dropped.
 */
final class DryRun {
    private final SearchSession.Request request;
    private final Dataset data;
    private final Candidates candidates;
    private final SearchConfig config;
    private final Map<String, String> meta;

    DryRun(SearchSession.Request request, Dataset data, Candidates candidates, SearchConfig config,
            Map<String, String> meta) {
        this.request = request;
        this.data = data;
        this.candidates = candidates;
        this.config = config;
        this.meta = meta;
    }

    void print(PrintWriter out, boolean fillTimings) {
        int threads = request.threads();
        ProbeSettings settings = request.settings();
        Shape input = data.imageShape();
        EngineThreads.set(threads);
        List<ArchSpec> valid = new ArrayList<>();
        long[] invalid = new long[1];
        candidates.forEach(c -> {
            if (c.status() == ArchStatus.PENDING) {
                valid.add(c.spec());
            } else {
                invalid[0]++;
            }
        });
        if (valid.isEmpty()) {
            throw new UserException("nothing to probe: no candidate is valid for " + input);
        }
        List<ArchSummary> summaries = valid.stream().map(v -> ShapeInference.infer(v, input)).toList();
        int shapes = LayerShape.distinct(summaries).size();
        out.printf(Locale.ROOT, "candidates        %,d  (%s)%n", candidates.count(), candidates.describe());
        out.printf(Locale.ROOT, "not probed        %,d  (shape-invalid or ratio out of range)%n", invalid[0]);
        out.printf(Locale.ROOT, "to probe          %,d  on %s, %d/%d images, %d threads%n", valid.size(), input,
                settings.trainSize(), settings.testSize(), threads);
        out.printf(Locale.ROOT, "layer shapes      %,d distinct (input shape, layer): the timing table's rows%n", shapes);
        out.flush();
        long t0 = System.nanoTime();
        ScreenEstimate estimate;
        StringWriter shardLines = null;
        try (NDManager m = NDManager.newBaseManager()) {
            LayerTimer timer = new LayerTimer(settings.batchSize(), PrefixSweep.TABLE_BATCHES, m);
            LayerTimings table;
            int stored;
            ResultStore store = null;
            TimingCache cache = TimingCache.open(w -> System.err.println("convprobe: warning: " + w));
            try {
                TimingCache.Key key = TimingCache.Key.current(threads, settings.batchSize());
                if (fillTimings) {
                    if (request.runDir() == null) {
                        throw new UserException("--fill-timings needs --run DIR (the run whose store keeps the table)");
                    }
                    store = ResultStore.openForSearch(request.runDir());
                    store.begin(config, meta, candidates, w -> System.err.println("convprobe: warning: " + w));
                    table = store.layerTimings().timings(timer, key, request.conv(), cache, request.retime()).timings();
                } else { // the user's timing cache only
                    TimingCache c = cache;
                    table = new LayerTimings(timer, request.retime() ? Map.of() : cache.load(key),
                            (shape, t) -> c.put(key, shape, t), request.conv());
                }
                stored = table.rows().size();
                table.fill(summaries);
                estimate = ScreenEstimate.calibrate(data, settings, request.proxies(), table, valid, fillTimings);
                if (request.remote() != null) { // every shape is in the table now: the shards' estimates measure nothing
                    shardLines = new StringWriter();
                    ShardEstimate.print(new PrintWriter(shardLines), candidates, request.remote().shardDepth(), estimate,
                            threads);
                }
            } finally {
                cache.close();
                if (store != null) {
                    store.close();
                }
            }
            out.printf(Locale.ROOT, "timing table      %,d rows stored, %,d measured now in %.1f s%s%n", stored,
                    table.measuredCount(), table.measureSeconds(), fillTimings ? " (kept in " + request.runDir() + ")" : "");
            long fft = table.rows().entrySet().stream().filter(r -> r.getValue().algorithm() == ConvAlgorithm.FFT).count();
            out.printf(Locale.ROOT, "conv algorithm    %,d layer shapes to FFT, the rest direct (--conv %s)%n", fft,
                    request.conv().name().toLowerCase(Locale.ROOT));
        }
        ScreenEstimate.Cost c = estimate.of(valid);
        CostModel.Estimate e = c.work();
        double calib = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "work, trial 0     %,d cut on table throughput below %s img/s; %.3g conv MACs (shared "
                + "prefixes once), %.3g Gram MACs%n", e.cut(), SearchSession.plain(settings.minThroughput()), e.convMacs(),
                e.gramMacs());
        out.printf(Locale.ROOT, "estimate, trial 0 %s  (%.0f s = features %.0f + ridge %.0f + re-measuring the cut %.0f + "
                + "proxies %.0f (%s) + timing table %.0f%s; model built here in %.1f s)%n", Progress.duration(c.trial0()),
                c.trial0(), e.layerSeconds(), e.seconds() - e.layerSeconds() - e.cutSeconds(), e.cutSeconds(),
                c.proxySeconds(), request.proxies().isEmpty() ? "none" : request.proxies().describe(), c.tableSeconds(),
                fillTimings ? ", its rows stored" : "", calib);
        out.printf(Locale.ROOT, "estimate, all     %s  (%.0f s) if every architecture passed trial 0 (%d trials); the "
                + "real time lies between the two%n", Progress.duration(c.all()), c.all(), settings.trials());
        if (shardLines != null) {
            out.print(shardLines);
        }
        out.flush();
    }
}
