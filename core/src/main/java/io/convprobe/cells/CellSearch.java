package io.convprobe.cells;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convprobe.Interrupts;
import io.convprobe.UserException;
import io.convprobe.arch.Nb201Notation;
import io.convprobe.arch.Nb201Spec;
import io.convprobe.data.Dataset;
import io.convprobe.proxy.Proxies;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.Progress;
import io.convprobe.space.Nb201Space;
import io.convprobe.store.CellScoreTable;
import io.convprobe.store.ConfigTable;
import io.convprobe.store.RunLock;
import io.convprobe.store.Sqlite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One screen of a cell space ({@code search --preset nb201}): the strategy picks networks
 * ({@link CellStrategy}), each is scored once by a {@link CellProber} at the fidelity the strategy
 * asks for, and every score goes to {@code RUN/cells.db} the moment a network is done (the store is
 * the truth: a re-run with the same flags resumes, a different configuration is refused). At the
 * end the stored networks are ranked by the rank score ({@link CellRanking}) and written to
 * {@code RUN/results.csv}. No shared prefixes here: one network is one unit of work.
 *
 * <p>With an engine ({@link Remote}, {@code --engine spark}) the exhaustive and random strategies,
 * and each rung of halving, send the networks not yet stored at that fidelity to the engine at
 * once ({@link CellStrategy.Scores#prepare}); each result is stored in one transaction as it
 * arrives, a network that failed on every attempt is logged and left unstored (a re-run retries
 * it), and the ranking then reads the store as usual. Evolution picks each child from the scores
 * before it, so it is refused with an engine. The engine is not part of the configuration: a run
 * can be resumed with or without it.
 */
public final class CellSearch {
    /**
     * The scores a cell screen computes unless told otherwise, and the rank score it ranks by:
     * chosen on NAS-Bench-201's shared 245 architectures ({@code bench nb201}, docs/findings.md,
     * 2026-12-06): the rank average of synflow, jacob_cov and the parameter count reached Spearman
     * ρ 0.877 with their CIFAR-10 accuracies, the best of 98 single scores and rank averages;
     * choosing that way on one half and measuring on the other gave 0.864 (median of 400 halves).
     * The ridge probe is not among them: it ranks these networks backwards (ρ −0.37).
     */
    public static final String DEFAULT_PROXIES = "naswot,synflow,jacob_cov,params,macs";
    public static final String DEFAULT_RANK = "synflow+jacob_cov+params";

    /** What {@code --rank-by} with the ridge probe prints on a cell space: the measured warning. */
    static final String RIDGE_WARNING = "note: on NAS-Bench-201 the ridge probe ranked the 245 benchmark networks "
            + "backwards (Spearman ρ −0.37 with their CIFAR-10 accuracy; the default synflow+jacob_cov+params: 0.88); "
            + "see docs/findings.md";

    /** What a dry run measured: seconds per network for the sampled ones, and the estimate. */
    public record DryRun(String strategy, long networks, List<String> timed, double[] seconds, double estimateSeconds) {}
    /** Everything that defines the screen (stored as the run's configuration). */
    public record Request(Nb201Space space, CellStrategy strategy, CellProber.Settings settings, Proxies proxies,
            CellProber.Readout readout, String rankBy, String dataset, Path runDir, Remote remote) {
        /** In this JVM. */
        public Request(Nb201Space space, CellStrategy strategy, CellProber.Settings settings, Proxies proxies,
                CellProber.Readout readout, String rankBy, String dataset, Path runDir) {
            this(space, strategy, settings, proxies, readout, rankBy, dataset, runDir, null);
        }
    }

    /**
     * Scoring on another engine: the engine, the recipe at the full fidelity (its settings equal the
     * request's; each fidelity is {@link CellRecipe#at}) and the engine's options.
     */
    public record Remote(CellEngine engine, CellRecipe recipe, CellEngine.Options options) {}

    /** The ranked networks (best first) and what the session did ({@code failed}: on the engine, left unstored). */
    public record Outcome(List<CellRanking.Ranked> ranked, int scored, int resumed, double seconds, String rankBy,
            int failed) {}

    private final Request request;
    private final Dataset data;
    private final Progress progress;
    private final PrintStream log;

    public CellSearch(Request request, Dataset data, Progress progress, PrintStream log) {
        for (String m : CellRanking.members(request.rankBy())) {
            if (!request.proxies().contains(m)) {
                throw new UserException("--rank-by '" + request.rankBy() + "': '" + m + "' is not among the scores computed ("
                        + request.proxies().describe() + "; add it to --proxies)");
            }
        }
        if (request.remote() != null && request.strategy() instanceof CellStrategy.Evolution) {
            throw new UserException("--strategy evolution scores one network after another (each child is chosen from "
                    + "the scores before it), so it cannot use --engine " + request.remote().engine().name()
                    + "; run it with --engine local");
        }
        if (request.remote() != null && !request.remote().recipe().settings().equals(request.settings())) {
            throw new IllegalArgumentException("the engine's recipe " + request.remote().recipe().settings()
                    + " differs from the request's settings " + request.settings());
        }
        if (CellRanking.members(request.rankBy()).contains("ridge")) {
            log.println("search: " + RIDGE_WARNING);
        }
        this.request = request;
        this.data = data;
        this.progress = progress;
        this.log = log;
    }

    /** The configuration as stored: a different one in an existing run directory is refused. */
    Map<String, Object> config() {
        Map<String, Object> c = new TreeMap<>();
        c.put("space", "nb201 C" + request.space().c() + " N" + request.space().n()
                + (request.space().unique() ? " unique" : ""));
        c.put("strategy", request.strategy().describe());
        c.put("settings", request.settings().toString());
        c.put("proxies", request.proxies().describe());
        c.put("readout", request.readout().toString());
        c.put("dataset", request.dataset());
        return c;
    }

    public Outcome run() throws IOException {
        Path dir = request.runDir();
        Files.createDirectories(dir);
        try (RunLock lock = RunLock.acquire(dir);
                Sqlite db = Sqlite.openForWriting(dir.resolve("cells.db"), dir)) {
            String json = new ObjectMapper().writeValueAsString(config());
            db.inTransaction("open the cell store", c -> {
                try (Statement st = c.createStatement()) {
                    ConfigTable.createSchema(st);
                    CellScoreTable.createSchema(st);
                }
                ConfigTable config = new ConfigTable(c);
                Map<String, String> stored = config.all();
                boolean again = ConfigTable.resumes(dir, stored, s -> s.equals(json) ? List.of()
                        : List.of("configuration " + s + " ≠ " + json), Map.of(), log::println);
                if (!again) {
                    config.insert(Map.of(ConfigTable.CONFIG, json));
                }
                return again;
            });
            Interrupts.say(() -> "interrupted: every scored network is stored in " + dir.resolve("cells.db")
                    + "; re-run the same command to resume");
            Scorer scorer = new Scorer(db);
            long t0 = System.nanoTime();
            try {
                request.strategy().run(request.space(), scorer, request.settings().trainSize(), progress, log);
            } finally {
                scorer.close();
                progress.finish();
            }
            Map<String, Map<String, Double>> full = db.read("read the scores",
                    c -> new CellScoreTable(c).all(request.settings().trainSize()));
            List<CellRanking.Ranked> ranked = CellRanking.rank(full, request.rankBy());
            CellResultsCsv.write(dir.resolve("results.csv"), ranked, scoreNames(full));
            return new Outcome(ranked, scorer.scored, scorer.reused, (System.nanoTime() - t0) / 1e9, request.rankBy(),
                    scorer.failed.size());
        } catch (SQLException e) {
            throw new UserException("cell store " + dir.resolve("cells.db") + ": " + e.getMessage(), e);
        }
    }

    /**
     * Prices the screen without storing anything: the chosen scores of five networks drawn from the
     * space (seed 0; one warm-up first), the median times the networks the strategy
     * scores at full fidelity (halving: each rung's networks weighted by its share of the images).
     */
    public DryRun dryRun() {
        Nb201Space space = request.space();
        long count = request.strategy().candidates(space);
        double weight = count;
        if (request.strategy() instanceof CellStrategy.Halving h) {
            weight = 0;
            long n = count;
            int images = Math.min(h.minImages(), request.settings().trainSize());
            while (true) {
                weight += n * (double) images / request.settings().trainSize();
                if (images >= request.settings().trainSize()) {
                    break;
                }
                n = Math.max(1, n / h.eta());
                images = Math.min(request.settings().trainSize(), images * h.eta());
            }
        }
        List<String> timed = new ArrayList<>();
        double[] secs = new double[5];
        try (CellProber p = new CellProber(data, request.settings(), request.proxies(), List.of(request.readout()))) {
            p.probe(space.get(space.size() - 1), 0); // warm-up: the engine's first kernels, the gradient self-check
            List<Nb201Spec> five = space.sample(5, 0); // seeded: the same five every time, spread over every edge
            for (int i = 0; i < five.size(); i++) {
                Nb201Spec s = five.get(i);
                long t0 = System.nanoTime();
                p.probe(s, 0);
                secs[i] = (System.nanoTime() - t0) / 1e9;
                timed.add(Nb201Notation.format(s));
            }
        }
        double[] sorted = secs.clone();
        java.util.Arrays.sort(sorted);
        return new DryRun(request.strategy().describe(), count, timed, secs, sorted[2] * weight);
    }

    private static List<String> scoreNames(Map<String, Map<String, Double>> full) {
        return full.isEmpty() ? List.of() : new ArrayList<>(full.values().iterator().next().keySet());
    }

    /**
     * Scores networks for the strategies: from the store when there (a resume), else with a prober
     * at that fidelity (one per fidelity, kept while the search runs) or on the engine (all of a
     * {@link #prepare} at once), stored at once.
     */
    private final class Scorer implements CellStrategy.Scores {
        private final Sqlite db;
        private final Map<Integer, CellProber> probers = new LinkedHashMap<>();
        private final Map<Integer, Map<String, Map<String, Double>>> stored = new LinkedHashMap<>();
        /** "fidelity arch" of networks the engine scored and the strategy has not asked for yet. */
        private final Set<String> fresh = new HashSet<>();
        /** "fidelity arch" of networks that failed on the engine (left unstored) → the error. */
        final Map<String, String> failed = new LinkedHashMap<>();
        private CellEngine.Session session;
        private boolean stopped;
        int scored;
        int reused;

        Scorer(Sqlite db) {
            this.db = db;
        }

        @Override
        public void prepare(List<Nb201Spec> specs, int fidelity) {
            Remote remote = request.remote();
            if (remote == null || stopped) {
                return;
            }
            Map<String, Map<String, Double>> have = all(fidelity);
            Set<String> todo = new LinkedHashSet<>();
            for (Nb201Spec s : specs) {
                String key = Nb201Notation.format(s);
                if (!have.containsKey(key) && !failed.containsKey(fidelity + " " + key)) {
                    todo.add(key);
                }
            }
            if (todo.isEmpty()) {
                return;
            }
            if (session == null) {
                session = remote.engine().start(remote.options(), log::println);
            }
            boolean complete = session.score(remote.recipe().at(fidelity), List.copyOf(todo), new CellEngine.Listener() {
                @Override
                public void scored(String key, CellProber.Trial t) {
                    db.inTransaction("store " + key, c -> {
                        new CellScoreTable(c).put(key, fidelity, t.scores(), t.seconds());
                        return null;
                    });
                    have.put(key, t.scores());
                    fresh.add(fidelity + " " + key);
                    scored++;
                    progress.archFinished(ArchStatus.FULL);
                }

                @Override
                public void failed(String key, String error) {
                    failed.put(fidelity + " " + key, error);
                    progress.archFinished(ArchStatus.FAILED);
                }
            });
            stopped = !complete;
        }

        @Override
        public Map<String, Double> score(Nb201Spec spec, int fidelity) {
            String key = Nb201Notation.format(spec);
            Map<String, Map<String, Double>> have = all(fidelity);
            Map<String, Double> s = have.get(key);
            if (s != null) {
                if (!fresh.remove(fidelity + " " + key)) { // scored by the engine: counted as it arrived
                    reused++;
                    progress.archFinished(ArchStatus.FULL);
                }
                return s;
            }
            if (request.remote() != null) {
                return null; // failed on the engine, or the engine stopped first: never scored here instead
            }
            CellProber p = probers.computeIfAbsent(fidelity, f -> new CellProber(data, request.settings().at(f),
                    request.proxies(), List.of(request.readout())));
            CellProber.Trial t = p.probe(spec, 0);
            db.inTransaction("store " + key, c -> {
                new CellScoreTable(c).put(key, fidelity, t.scores(), t.seconds());
                return null;
            });
            have.put(key, t.scores());
            scored++;
            progress.archFinished(ArchStatus.FULL);
            return t.scores();
        }

        @Override
        public Map<String, Map<String, Double>> all(int fidelity) {
            return stored.computeIfAbsent(fidelity, f -> db.read("read the scores", c -> new CellScoreTable(c).all(f)));
        }

        @Override
        public String rankBy() {
            return request.rankBy();
        }

        void close() {
            try {
                probers.values().forEach(CellProber::close);
            } finally {
                if (session != null) {
                    session.close();
                }
            }
        }
    }
}
