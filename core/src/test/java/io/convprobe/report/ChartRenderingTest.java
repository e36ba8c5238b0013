package io.convprobe.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

class ChartRenderingTest {
    @TempDir
    Path dir;

    private final SearchSummary search = ReportFixtures.search(7);
    private final List<TrainingSummary> training = ReportFixtures.training();

    @Test
    void everyChartKindWritesADecodablePngAndAParsableSvg() throws Exception {
        Map<String, Supplier<Chart<?, ?>>> charts = Map.of(
                "scatter", () -> ThroughputAccuracyChart.build(search),
                "histogram", () -> AccuracyHistogram.build(search),
                "correlation", () -> CorrelationHeatmap.build(search.runName(),
                        CorrelationHeatmap.matrix(search.fullyTestedRows()), search.fullyTestedRows().size()),
                "loss", () -> TrainingCurvesChart.loss(training),
                "accuracy", () -> TrainingCurvesChart.accuracy(training),
                "final", () -> FinalAccuracyBars.build(training),
                "time", () -> TrainTimeBars.build(training),
                "proxy", () -> ProxyScatter.build(ReportFixtures.proxy()));
        for (var e : charts.entrySet()) {
            ChartWriter.ChartFiles files = ChartWriter.write(e.getValue().get(), dir, e.getKey());
            ChartFiles.assertPng(files.png());
            ChartFiles.assertSvg(files.svg());
        }
    }

    @Test
    void scatterHasOneSeriesPerRatioClassPlusTheFront() {
        XYChart chart = ThroughputAccuracyChart.build(search);
        assertThat(chart.getSeriesMap().keySet()).filteredOn(k -> k.startsWith("ratio ")).hasSize(6);
        assertThat(chart.getSeriesMap().keySet()).anyMatch(k -> k.startsWith("Pareto front ("
                + ParetoFront.of(search.fullyTestedRows()).size() + ")"));
        int plotted = chart.getSeriesMap().entrySet().stream().filter(e -> e.getKey().startsWith("ratio "))
                .mapToInt(e -> (int) java.util.Arrays.stream(e.getValue().getXData()).filter(Double::isFinite).count()).sum();
        assertThat(plotted).isEqualTo(search.fullyTestedRows().size());
    }

    @Test
    void histogramBinsPutTheThresholdOnAnEdgeAndCountEveryValue() {
        double[] values = {23.1, 24.9, 25.0, 25.3, 27.8, 31.2, 26.4};
        AccuracyHistogram.Bins bins = AccuracyHistogram.bin(values, 25.0, 12);
        assertThat(java.util.Arrays.stream(bins.counts()).sum()).isEqualTo(values.length);
        assertThat(java.util.Arrays.stream(bins.edges()).anyMatch(e -> Math.abs(e - 25.0) < 1e-9)).isTrue();
        assertThat(bins.edges()[0]).isLessThanOrEqualTo(23.1);
        assertThat(bins.edges()[bins.edges().length - 1]).isGreaterThan(31.2);
    }

    @Test
    void finalAccuracyIsGroupedOnlyWhenOptimizersDiffer() {
        assertThat(FinalAccuracyBars.grouped(training)).isTrue();
        assertThat(FinalAccuracyBars.grouped(training.subList(0, 2))).isFalse();
    }

    @Test
    void publishedSpecsBecomeShortChartLabels() {
        assertThat(ChartStyle.compactModel("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1")).isEqualTo("7,3,5|2,1,2|1,3,1");
        assertThat(ChartStyle.compactModel("wobbly")).isEqualTo("wobbly");
    }

    @Test
    void emptyInputsAreRejectedRatherThanDrawnBlank() {
        SearchSummary none = new SearchSummary("empty", "stl10", 0, 0, 0, 0, 25, 200, List.of());
        assertThatThrownBy(() -> ThroughputAccuracyChart.build(none)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccuracyHistogram.build(none)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FinalAccuracyBars.build(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
