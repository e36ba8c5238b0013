package io.convprobe.validate;

import java.util.List;
import java.util.Map;

/**
 * What {@code convprobe validate} measured, as written to {@code validate.json} and read back by
 * {@code convprobe report}. Accuracies in percent.
 *
 * @param searchRun   the search run's directory name
 * @param study       the study's directory name inside the run (e.g. {@code validate}, {@code validate-c128})
 * @param by          the score the sample was stratified on
 * @param settings    the study's settings (training and sampling)
 * @param screened    fully tested architectures in the search (the ranking's length)
 * @param planned     architectures chosen for training
 * @param archs       the trained ones
 * @param proxies     one row per score, best ρ first; the combined score's row is leave-one-out
 * @param combined    the combined score's model, or null when too few were trained
 * @param verdict     the plain-words reading
 * @param beatsSize   whether a screening score ranks training better than parameter count and MACs
 * @param recommended the score to rank this space by ({@code --rank-by}); a size count when nothing beats it
 * @param trainingScores the training-time scores' rows, best ρ first (empty when no training's epochs were read)
 * @param noise       the seed noise and ceiling ({@code --seeds}), or null when fewer than 3 networks have 2 seeds;
 *                    with it, trained accuracy and every ρ are against the mean over each network's seeds
 * @param predictor   the learned predictor ({@link StudyPredictor}): its model, CV ρ, prior and learning curve; null
 *                    when too few were trained (its out-of-sample row is {@value StudyPredictor#NAME} in proxies)
 */
public record StudyReport(String searchRun, String study, String by, Map<String, Object> settings, int screened,
        int planned, List<TrainedArch> archs, List<ProxyMetrics> proxies, Combined combined, String verdict,
        boolean beatsSize, String recommended, List<TrainingScore> trainingScores, SeedNoise noise,
        StudyPredictor.Summary predictor) {
    public StudyReport {
        trainingScores = trainingScores == null ? List.of() : trainingScores; // absent in studies written before
    }

    /** Without the learned predictor (too few trained, or a study written before it). */
    public StudyReport(String searchRun, String study, String by, Map<String, Object> settings, int screened,
            int planned, List<TrainedArch> archs, List<ProxyMetrics> proxies, Combined combined, String verdict,
            boolean beatsSize, String recommended, List<TrainingScore> trainingScores, SeedNoise noise) {
        this(searchRun, study, by, settings, screened, planned, archs, proxies, combined, verdict, beatsSize, recommended,
                trainingScores, noise, null);
    }

    /** Without training-time scores or seed noise. */
    public StudyReport(String searchRun, String study, String by, Map<String, Object> settings, int screened,
            int planned, List<TrainedArch> archs, List<ProxyMetrics> proxies, Combined combined, String verdict,
            boolean beatsSize, String recommended) {
        this(searchRun, study, by, settings, screened, planned, archs, proxies, combined, verdict, beatsSize, recommended,
                List.of(), null, null);
    }

    /**
     * One trained architecture.
     *
     * @param screenRank  its position in the screen's ranking by {@code by}, 1 = best
     * @param trainedAccuracy the truth: its final accuracy, the mean over its seeds when the study measured noise
     * @param scores      its value of every evaluated score (the combined one: leave-one-out)
     * @param percentiles its percentile (0..1) of each score among the screened architectures
     * @param seedAccuracies its accuracy per seed (study seed first, NaN = not trained), when any network has two
     * @param trainingScores its training-time scores
     */
    public record TrainedArch(long id, String spec, String trainedSpec, int screenRank, double trainedAccuracy,
            long params, Map<String, Double> scores, Map<String, Double> percentiles, List<Double> seedAccuracies,
            Map<String, Double> trainingScores) {
        public TrainedArch {
            seedAccuracies = seedAccuracies == null ? List.of() : seedAccuracies;
            trainingScores = trainingScores == null ? Map.of() : trainingScores;
        }

        /** One seed, no training-time scores. */
        public TrainedArch(long id, String spec, String trainedSpec, int screenRank, double trainedAccuracy, long params,
                Map<String, Double> scores, Map<String, Double> percentiles) {
            this(id, spec, trainedSpec, screenRank, trainedAccuracy, params, scores, percentiles, List.of(), Map.of());
        }
    }

    /**
     * A training-time score ({@link io.convprobe.train.TrainingSignals}): measured like a screening
     * score but known only for trained networks, so never an input of the combined score.
     *
     * @param epochs the epochs of training it needs
     * @param cost   its cost as a fraction of the full training (epochs / the training's epochs)
     * @param stats  its statistics against the trained accuracy
     */
    public record TrainingScore(String score, int epochs, double cost, ProxyMetrics stats) {}

    /** The combined score's model (see {@link CombinedScore}). */
    public record Combined(List<String> inputs, List<Double> weights, double intercept, double alpha) {}

    /** The training in words, e.g. "10 epochs, adamw lr 0.002 cosine, augment crop-flip, widened to 128 channels". */
    public String trainingLabel() {
        if (settings.get("accuracies") != null) { // trained elsewhere: validate --accuracies
            return "accuracies from " + settings.get("accuracies") + " (" + settings.get("column") + ")";
        }
        Object e = settings.get("epochs");
        return (e != null ? e + " epochs" : settings.get("max_inputs") + " images") + ", "
                + (settings.get("recipe") != null ? "recipe " + settings.get("recipe") + ": " : "") + settings.get("optimizer")
                + " lr " + settings.get("lr") + " " + settings.get("schedule") + ", augment " + settings.get("augment")
                + (settings.get("normalize") != null ? ", normalize " + settings.get("normalize") : "")
                + (settings.get("channels") != null ? ", widened to " + settings.get("channels") + " channels" : "");
    }

    /** The row of a score, or null. */
    public ProxyMetrics metrics(String proxy) {
        return proxies.stream().filter(m -> m.proxy().equals(proxy)).findFirst().orElse(null);
    }
}
