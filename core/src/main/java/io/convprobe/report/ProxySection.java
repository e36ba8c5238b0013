package io.convprobe.report;

import java.util.ArrayList;
import java.util.List;

/** The report section answering "did the screen predict training?" for one search run. */
final class ProxySection {
    private ProxySection() {}

    static ReportDocument.Section build(ProxyValidation v, ChartSink charts) {
        List<ReportDocument.Block> blocks = new ArrayList<>();
        blocks.add(new ReportDocument.Paragraph(ProxyVerdict.sentence(v)));
        boolean anyFinite = v.points().stream()
                .anyMatch(p -> Double.isFinite(p.probeAccuracy()) && Double.isFinite(p.trainedAccuracy()));
        if (anyFinite) {
            blocks.add(charts.add(ProxyScatter.build(v), v.searchRun() + "-proxy",
                    "Probe accuracy with random weights vs validation accuracy after training, per architecture"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (ProxyPoint p : v.points()) {
            rows.add(List.of(p.spec(), Fmt.percent(p.probeAccuracy()), Fmt.percent(p.trainedAccuracy())));
        }
        blocks.add(new ReportDocument.Table("Architectures both screened and trained",
                List.of("architecture", "probe accuracy", "trained accuracy"), rows, 1));
        return new ReportDocument.Section("Screen vs training: " + v.searchRun(), blocks);
    }
}
