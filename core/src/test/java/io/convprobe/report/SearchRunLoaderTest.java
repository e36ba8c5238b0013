package io.convprobe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.convprobe.arch.Layer;
import io.convprobe.arch.Shape;
import io.convprobe.probe.ProbeSettings;
import io.convprobe.probe.TrialResult;
import io.convprobe.search.ArchAggregate;
import io.convprobe.search.ArchStatus;
import io.convprobe.search.Candidates;
import io.convprobe.search.Fitness;
import io.convprobe.search.ResultStore;
import io.convprobe.search.ResultsCsv;
import io.convprobe.search.RunResults;
import io.convprobe.search.SearchConfig;
import io.convprobe.space.RatioRange;
import io.convprobe.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small fake run written through the store: the fitness the store's reader gives, the one
 * {@code results.csv} holds and the one the report shows are all {@link Fitness#of} over the fully
 * tested architectures, the one function that scores.
 */
class SearchRunLoaderTest {
    @TempDir Path dir;

    private static final double WEIGHT = 0.3;
    private static final Shape INPUT = Shape.chw(1, 12, 12);

    /** Four probed architectures: three fully tested (two trials), one cut; the rest never reached. */
    private Path fakeRun(boolean withProxies) {
        Path run = dir.resolve("run");
        Candidates candidates = Candidates.all(new SearchSpace(2, 2, List.of(4), List.of(3, 5), List.of(1),
                List.of(1), List.of(0), List.of(Layer.Activation.RELU)), INPUT, new RatioRange(0, 10));
        double[][] accuracyAndThroughput = {{40, 900}, {30, 1500}, {50, 400}, {10, 2000}};
        try (ResultStore store = ResultStore.openForSearch(run)) {
            store.begin(new SearchConfig("fake", INPUT, ProbeSettings.PUBLISHED, candidates.describe()),
                    Map.of("convprobe_version", "test"), candidates, w -> { });
            long[] ids = store.idsNeedingWork();
            assertThat(ids.length).isGreaterThanOrEqualTo(accuracyAndThroughput.length);
            for (int i = 0; i < accuracyAndThroughput.length; i++) {
                double acc = accuracyAndThroughput[i][0];
                double thr = accuracyAndThroughput[i][1];
                boolean full = i < 3;
                for (int t = 0; t < (full ? 2 : 1); t++) {
                    Map<String, Double> proxies = withProxies ? Map.of("naswot", 100.0 - 7 * i + t) : Map.of();
                    store.addTrial(ids[i], new TrialResult(t, acc + t, acc + 10, thr + 10 * t, 0.5, 64, proxies),
                            full && t == 1 ? ArchStatus.FULL : full ? ArchStatus.PENDING : ArchStatus.CUT);
                }
            }
        }
        return run;
    }

    private static double[] expected(List<ArchAggregate> archs, boolean byNaswot) {
        List<ArchAggregate> full = archs.stream().filter(a -> a.status() == ArchStatus.FULL).toList();
        return Fitness.of(full.stream().mapToDouble(a -> byNaswot ? a.proxies().get("naswot") : a.accuracy()).toArray(),
                full.stream().mapToDouble(ArchAggregate::throughput).toArray(), WEIGHT);
    }

    private static double[] fullFitness(List<ArchAggregate> archs) {
        return archs.stream().filter(a -> a.status() == ArchStatus.FULL).mapToDouble(ArchAggregate::fitness).toArray();
    }

    @Test
    void storedCsvAndReportedFitnessAreTheOneFunctionsResult() throws Exception {
        Path run = fakeRun(false);
        RunResults stored = ResultStore.read(run, WEIGHT);
        double[] want = expected(stored.archs(), false);
        // anchored by hand: accuracy 40.5, 30.5, 50.5 -> 0.5, 0, 1; throughput 905, 1505, 405 -> 0.4545.., 1, 0
        assertThat(want[0]).isCloseTo(0.5 + WEIGHT * 500.0 / 1100, within(1e-12));
        assertThat(want[1]).isCloseTo(WEIGHT, within(1e-12));
        assertThat(want[2]).isCloseTo(1.0, within(1e-12));

        assertThat(fullFitness(stored.archs())).containsExactly(want);
        assertThat(stored.archs()).filteredOn(a -> a.status() == ArchStatus.CUT).singleElement()
                .extracting(ArchAggregate::fitness).isEqualTo(Double.NaN);
        assertThat(fullFitness(ResultStore.snapshot(run).archs())).containsOnly(Double.NaN); // not scored yet

        Path csv = dir.resolve(ResultsCsv.FILE);
        ResultsCsv.write(csv, stored.archs());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).endsWith(",fitness"); // no proxies: fitness is the last column
        List<Double> csvFitness = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String cell = line.substring(line.lastIndexOf(',') + 1);
            if (line.contains(",FULL,")) {
                csvFitness.add(Double.parseDouble(cell));
            } else {
                assertThat(cell).isEmpty();
            }
        }
        assertThat(csvFitness.stream().mapToDouble(Double::doubleValue).toArray()).containsExactly(want);

        SearchSummary report = SearchRunLoader.load(run, WEIGHT, null);
        assertThat(report.scoreName()).isEqualTo("ridge"); // no proxies stored
        double[] reported = report.fullyTestedRows().stream().mapToDouble(ProbeRow::fitness).toArray();
        assertThat(reported).containsExactly(want);
        // the section shows them as given (nothing recomputed on another scale)
        List<ReportDocument.Block> notes = new ArrayList<>();
        assertThat(SearchSection.withFitness(report.fullyTestedRows(), notes)).isEqualTo(report.fullyTestedRows());
        assertThat(notes).isEmpty();
    }

    @Test
    void rankedByAStoredProxyTheReportUsesTheSameFunctionOnThatScore() {
        Path run = fakeRun(true);
        SearchSummary report = SearchRunLoader.load(run, WEIGHT, null);
        assertThat(report.scoreName()).isEqualTo("naswot"); // the default when stored
        double[] want = expected(ResultStore.snapshot(run).archs(), true);
        assertThat(report.fullyTestedRows().stream().mapToDouble(ProbeRow::fitness).toArray()).containsExactly(want);
        assertThat(want).isNotEqualTo(expected(ResultStore.snapshot(run).archs(), false)); // a different ranking
        // the published fitness of the same run is still ridge-ranked
        assertThat(fullFitness(ResultStore.read(run, WEIGHT).archs()))
                .containsExactly(expected(ResultStore.snapshot(run).archs(), false));
    }
}
