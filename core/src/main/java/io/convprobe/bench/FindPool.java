package io.convprobe.bench;

import io.convprobe.UserException;
import io.convprobe.predict.Features;
import io.convprobe.stats.RankCorrelation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A validate study read as a pool of recorded learning curves (read only: the study may still be
 * training, so only its {@code validate.json} and each run's {@code metrics.csv}, which training
 * replaces atomically after every epoch, are read; never a SQLite store). Every network of the study
 * must have finished R epochs with the study's seed ({@code train/NNN-a<id>/}) and with the second
 * seed ({@code train-seed2/NNN-a<id>/}).
 *
 * @param rows    the predictor's features (from validate.json: the scores' percentiles, the prior = the study's --by)
 * @param curves  seed 1's validation accuracy (percent) after each epoch: what a continued training observes
 * @param losses  seed 1's mean training loss of each epoch (what TSE sums)
 * @param seed2   seed 2's final accuracy (percent)
 */
public record FindPool(String name, List<Features> rows, double[][] curves, double[][] losses, double[] seed2) {
    public int epochs() {
        return curves[0].length;
    }

    /** Seed 1's final accuracy: what training a network fully shows. */
    public double[] observedFinal() {
        return java.util.Arrays.stream(curves).mapToDouble(c -> c[c.length - 1]).toArray();
    }

    /** The truth: the two seeds' mean final accuracy. */
    public double[] truth() {
        double[] f = observedFinal();
        double[] t = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            t[i] = (f[i] + seed2[i]) / 2;
        }
        return t;
    }

    /** The seed-to-seed Spearman ρ of the final accuracies (the noise of the truth). */
    public double seedToSeed() {
        return RankCorrelation.spearman(observedFinal(), seed2);
    }

    public static FindPool read(Path study) {
        Path json = study.resolve("validate.json");
        if (!Files.isRegularFile(json)) {
            throw new UserException("--pool " + study + ": no validate.json (the study has not finished a session yet)");
        }
        PredictorBench.Population p = PredictorBench.study(json, null);
        int n = p.rows().size();
        double[][] curves = new double[n][];
        double[][] losses = new double[n][];
        double[] seed2 = new double[n];
        for (int i = 0; i < n; i++) {
            long id = p.rows().get(i).id();
            Path run1 = run(study.resolve("train"), id);
            curves[i] = column(run1, "val_accuracy", 100);
            losses[i] = column(run1, "train_loss", 1);
            double[] c2 = column(run(study.resolve("train-seed2"), id), "val_accuracy", 100);
            if (c2.length != curves[i].length || (i > 0 && curves[i].length != curves[0].length)) {
                throw new UserException("--pool " + study + ": network a" + id + " has " + curves[i].length + " and "
                        + c2.length + " epochs with seeds 1 and 2; every training needs the same R");
            }
            seed2[i] = c2[c2.length - 1];
        }
        return new FindPool(study.toString(), p.rows(), curves, losses, seed2);
    }

    private static Path run(Path dir, long id) {
        try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            return s.filter(d -> d.getFileName().toString().endsWith("-a" + id)).findFirst().orElseThrow(() ->
                    new UserException("--pool: no training of network a" + id + " in " + dir));
        } catch (IOException e) {
            throw new UserException("--pool: cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** A column of the run's metrics.csv per epoch, times {@code scale}; a run that has not finished is refused. */
    private static double[] column(Path run, String name, double scale) {
        if (!Files.isRegularFile(run.resolve("summary.json"))) {
            throw new UserException("--pool: " + run + " has not finished its training");
        }
        List<Double> acc = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(run.resolve("metrics.csv"), StandardCharsets.UTF_8);
            int col = List.of(lines.get(0).split(",")).indexOf(name);
            if (col < 0) {
                throw new IllegalArgumentException("no column " + name);
            }
            for (String l : lines.subList(1, lines.size())) {
                if (!l.isBlank()) {
                    acc.add(scale * Double.parseDouble(l.split(",")[col]));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UserException("--pool: cannot read " + run.resolve("metrics.csv") + ": " + e.getMessage());
        }
        return acc.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
