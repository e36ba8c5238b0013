package io.convprobe.report;

import java.util.ArrayList;
import java.util.List;

/** The report section of the training runs: curves, final accuracy, training time, summary table. */
final class TrainingSection {
    private TrainingSection() {}

    static ReportDocument.Section build(List<TrainingSummary> runs, ChartSink charts) {
        List<ReportDocument.Block> blocks = new ArrayList<>();
        blocks.add(summaryTable(runs));
        blocks.add(exportTable(runs));
        if (runs.stream().anyMatch(r -> !r.epochs().isEmpty())) {
            blocks.add(new ReportDocument.Subheading("Per epoch"));
            blocks.add(charts.add(TrainingCurvesChart.loss(runs), "training-loss",
                    "Loss per epoch: training dashed, validation solid, one colour per run"));
            blocks.add(charts.add(TrainingCurvesChart.accuracy(runs), "training-accuracy",
                    "Accuracy per epoch: training dashed, validation solid, one colour per run"));
        } else {
            blocks.add(new ReportDocument.Paragraph("No per-epoch records were stored, so there are no curves."));
        }
        blocks.add(new ReportDocument.Subheading("Final accuracy and time"));
        blocks.add(charts.add(FinalAccuracyBars.build(runs), "training-final-accuracy",
                FinalAccuracyBars.grouped(runs) ? "Final validation accuracy by model, grouped by optimizer"
                        : "Final validation accuracy per run"));
        blocks.add(charts.add(TrainTimeBars.build(runs), "training-time", "Training wall time per run"));
        return new ReportDocument.Section("Training", blocks);
    }

    /** Each run's command to take it into PyTorch (model.py + model.safetensors). */
    static ReportDocument.Table exportTable(List<TrainingSummary> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (TrainingSummary r : runs) {
            rows.add(List.of(r.runName(), io.convprobe.export.ModelExport.commandFor(java.nio.file.Path.of(r.runDir()))));
        }
        return new ReportDocument.Table("Use in PyTorch: export each run (writes model.py, model.safetensors, README.md)",
                List.of("run", "export command"), rows, 2);
    }

    private static ReportDocument.Table summaryTable(List<TrainingSummary> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (TrainingSummary r : runs) {
            rows.add(List.of(r.runName(), r.model(), r.optimizer(), Fmt.fixed(r.finalValLoss(), 5),
                    Fmt.percent(r.finalValAccuracy()), Fmt.grouped(r.params()), Fmt.fixed(r.trainMinutes(), 2),
                    Fmt.grouped(r.imagesPerSec()), r.bestEpoch() > 0 ? Integer.toString(r.bestEpoch()) : "–"));
        }
        return new ReportDocument.Table("Summary (" + runs.size() + " runs)",
                List.of("run", "model", "optimizer", "val loss", "val acc", "params", "train min", "img/s", "best epoch"),
                rows, 3);
    }
}
