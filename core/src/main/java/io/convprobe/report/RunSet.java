package io.convprobe.report;

import io.convprobe.UserException;
import io.convprobe.cells.CellScreen;
import io.convprobe.stats.RankCorrelation;
import io.convprobe.validate.StudyFiles;
import io.convprobe.validate.StudyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs one report covers, read from their directories: search runs, cell screens, training runs, the
 * {@code convprobe validate} studies inside the search runs, and the proxy validations that pair
 * searches with training runs (a training run whose architecture a search run probed) for search
 * runs without a study of their own (a study measures the same thing, properly sampled).
 */
public record RunSet(List<SearchSummary> searches, List<TrainingSummary> trainings, List<ProxyValidation> proxies,
        List<StudyReport> studies, List<CellSection.Screen> cells) {

    public static RunSet load(List<Path> dirs, double throughputWeight) {
        return load(dirs, throughputWeight, io.convprobe.search.RankScore.RIDGE);
    }

    public static RunSet load(List<Path> dirs, double throughputWeight, String rankBy) {
        List<StudyReport> studies = new ArrayList<>();
        List<SearchSummary> searches = new ArrayList<>();
        List<TrainingSummary> trainings = new ArrayList<>();
        List<CellSection.Screen> cells = new ArrayList<>();
        Map<String, String> trainedSpecs = new HashMap<>(); // training run name -> spec text
        for (Path d : dirs) {
            if (SearchRunLoader.isSearchRun(d)) {
                searches.add(SearchRunLoader.load(d, throughputWeight, rankBy));
                studies.addAll(StudyFiles.studies(d));
            } else if (TrainingRunLoader.isTrainingRun(d)) {
                TrainingRunLoader.Loaded t = TrainingRunLoader.load(d);
                trainings.add(t.summary());
                trainedSpecs.put(t.summary().runName(), t.spec());
            } else if (CellScreen.is(d)) {
                cells.add(CellSection.Screen.of(d, rankBy));
                studies.addAll(StudyFiles.studies(d));
            } else {
                throw new UserException(d + " is neither a search run (results.db), a cell screen (cells.db) nor a "
                        + "training run");
            }
        }
        java.util.Set<String> studied = new java.util.HashSet<>();
        studies.forEach(s -> studied.add(s.searchRun()));
        List<ProxyValidation> pairs = proxies(searches, trainings, trainedSpecs).stream()
                .filter(p -> !studied.contains(p.searchRun())).toList();
        return new RunSet(searches, trainings, pairs, studies, cells);
    }

    /** One validation per search run that shares at least one architecture with the training runs. */
    static List<ProxyValidation> proxies(List<SearchSummary> searches, List<TrainingSummary> trainings,
            Map<String, String> trainedSpecs) {
        List<ProxyValidation> out = new ArrayList<>();
        for (SearchSummary s : searches) {
            Map<String, ProbeRow> bySpec = new HashMap<>();
            for (ProbeRow r : s.rows()) {
                bySpec.put(r.spec(), r);
            }
            List<ProxyPoint> points = new ArrayList<>();
            for (TrainingSummary t : trainings) {
                ProbeRow r = bySpec.get(trainedSpecs.get(t.runName()));
                if (r != null) {
                    points.add(new ProxyPoint(r.spec(), r.accuracyMean(), t.finalValAccuracy()));
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            double[] probe = points.stream().mapToDouble(ProxyPoint::probeAccuracy).toArray();
            double[] trained = points.stream().mapToDouble(ProxyPoint::trainedAccuracy).toArray();
            double rho = points.size() < 2 ? Double.NaN : RankCorrelation.spearman(probe, trained);
            double tau = points.size() < 2 ? Double.NaN : RankCorrelation.kendallTauB(probe, trained);
            out.add(new ProxyValidation(s.runName(), points, rho, tau, points.size()));
        }
        return out;
    }
}
