package io.convprobe.report;

import java.util.List;

/** Opens TrainingSection's package-private tables to tests in other packages. */
public final class TrainingSectionAccess {
    private TrainingSectionAccess() {}

    public static ReportDocument.Table exportTable(List<TrainingSummary> runs) {
        return TrainingSection.exportTable(runs);
    }
}
