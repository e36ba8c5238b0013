package io.convprobe.search;

import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A small space on a small input, and helpers to run a search on it with the fake prober. */
public final class SearchFixture {
    public static final Shape INPUT = Shape.chw(1, 12, 12);
    public static final SearchSpace SPACE = new SearchSpace(2, 2, List.of(4), List.of(3, 5, 7, 9), List.of(1, 2),
            List.of(1, 2), List.of(0), List.of(Layer.Activation.RELU));
    public static final RatioRange RATIO = new RatioRange(0, 0.5);
    public static final ProbeSettings SETTINGS = new ProbeSettings(500, 500, 3, 25, 200, 0, 32, 0.3);
    public static final Map<String, String> META = Map.of("convprobe_version", "test", "threads", "1");

    public final ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
    public final Progress progress = new Progress(new PrintStream(progressBytes, true, StandardCharsets.UTF_8), false,
            Long.MAX_VALUE, System::nanoTime);

    public static Candidates candidates() {
        return Candidates.all(SPACE, INPUT, RATIO);
    }

    public static SearchConfig config(ProbeSettings s) {
        return new SearchConfig("fake", INPUT, s, candidates().describe());
    }

    /** Opens (or resumes) the run and runs the search with {@code prober}. */
    SearchCounts run(Path dir, FakeProber prober) {
        try (ResultStore store = ResultStore.openForSearch(dir)) {
            store.begin(config(SETTINGS), META, candidates(), w -> { });
            return new SearchRun(store, prober, TrialPolicy.of(SETTINGS), progress, l -> { }).run();
        }
    }

    /** What the fake prober's numbers imply for this space: [shape-invalid, ratio-out, cut, full]. */
    public static long[] expected() {
        long[] n = new long[4];
        TrialPolicy p = TrialPolicy.of(SETTINGS);
        candidates().forEach(c -> {
            switch (c.status()) {
                case INVALID_SHAPE -> n[0]++;
                case RATIO_OUT_OF_RANGE -> n[1]++;
                default -> {
                    String s = io.convprobe.arch.SpecFormat.toText(c.spec());
                    boolean pass = FakeProber.accuracy(s, 0) >= p.minAccuracy()
                            && FakeProber.throughput(s) >= p.minThroughput();
                    n[pass ? 3 : 2]++;
                }
            }
        });
        return n;
    }
}
