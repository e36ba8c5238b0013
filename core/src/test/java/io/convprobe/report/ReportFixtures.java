package io.convprobe.report;

import io.convprobe.search.Fitness;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic results, seeded, shaped like the published screen and training runs. */
final class ReportFixtures {
    private ReportFixtures() {}

    /** 40 shape-valid probe rows of 3-layer, 32-channel networks on 96×96 inputs. */
    static SearchSummary search(long seed) {
        Random rnd = new Random(seed);
        int[] ks = {3, 5, 7, 9};
        List<ProbeRow> rows = new ArrayList<>();
        int invalid = 0;
        while (rows.size() < 40) {
            int[] k = new int[3];
            int[] s = new int[3];
            int[] d = new int[3];
            int size = 96;
            for (int l = 0; l < 3; l++) {
                k[l] = ks[rnd.nextInt(4)];
                s[l] = 1 + rnd.nextInt(3);
                d[l] = 1 + rnd.nextInt(3);
                size = (size - d[l] * (k[l] - 1) - 1) / s[l] + 1;
            }
            double ratio = 32.0 * size * size / (3 * 96 * 96);
            if (size < 1 || ratio > 1) {
                invalid++;
                continue;
            }
            double throughput = 700 * Math.pow(s[0], 1.6) / (1 + 0.08 * k[1] + 0.05 * k[2]) * (0.9 + 0.2 * rnd.nextDouble());
            double acc = 26.0 + 0.25 * k[2] - 0.6 * (s[1] - 1) + rnd.nextGaussian() * 1.2;
            double trial0 = acc + rnd.nextGaussian() * 0.5;
            boolean full = trial0 >= 25 && throughput >= 200;
            double std = full ? 0.3 + 0.2 * rnd.nextDouble() : Double.NaN;
            String spec = "ch=32 ks=" + ProbeRow.join(k) + " st=" + ProbeRow.join(s) + " di=" + ProbeRow.join(d);
            rows.add(new ProbeRow(spec, k, s, d, full ? 5 : 1, full,
                    full ? acc : trial0, full ? acc - 0.4 - rnd.nextDouble() : trial0, full ? acc + 0.4 + rnd.nextDouble() : trial0,
                    std, trial0,
                    full ? 85 + rnd.nextDouble() * 10 : trial0 + 50, throughput, ratio,
                    32L * 3 * k[0] * k[0] + 32L * 32 * (k[1] * k[1] + k[2] * k[2]) + 96,
                    (long) (ratio * 3 * 96 * 96 * 300), 0.05 + ratio * 0.4 + rnd.nextDouble() * 0.02, Double.NaN));
        }
        List<ProbeRow> full = ProbeRow.scored(rows.stream().filter(ProbeRow::fullyTested).toList(), Fitness.PUBLISHED_WEIGHT);
        List<ProbeRow> withFitness = new ArrayList<>(full);
        rows.stream().filter(r -> !r.fullyTested()).forEach(withFitness::add);
        long cut = rows.size() - full.size();
        return new SearchSummary("search-stl10", "stl10", rows.size() + invalid, invalid, cut, full.size(),
                25.0, 200.0, withFitness);
    }

    /** Three runs of five epochs: two models with AdamW, one of them also with SGD. */
    static List<TrainingSummary> training() {
        return List.of(
                run("train-735-adamw", "ch=32 ks=7,3,5 st=2,1,2 di=1,3,1", "adamw", 143_306, 57.6, 6.9, 0),
                run("train-937-adamw", "ch=32 ks=9,3,7 st=3,1,1 di=1,1,1", "adamw", 222_154, 58.6, 6.0, 1),
                run("train-735-sgd", "ch=32 ks=7,3,5 st=2,1,2 di=1,3,1", "sgd", 143_306, 51.2, 6.5, 2));
    }

    private static TrainingSummary run(String name, String model, String opt, long params, double finalAcc,
            double minutes, int seed) {
        Random rnd = new Random(seed);
        List<EpochRow> epochs = new ArrayList<>();
        for (int e = 1; e <= 5; e++) {
            double f = e / 5.0;
            double valAcc = 20 + (finalAcc - 20) * Math.sqrt(f) + rnd.nextGaussian() * 0.3;
            double trainAcc = valAcc + 4 * f;
            double valLoss = 2.3 - (0.9 + 0.1 * seed) * Math.sqrt(f) + rnd.nextGaussian() * 0.02;
            epochs.add(new EpochRow(e, valLoss - 0.1 * f, trainAcc, valLoss, e == 5 ? finalAcc : valAcc,
                    3e-4 * (1 - f), 1200 + 50 * seed, minutes * 60 * f));
        }
        return new TrainingSummary(name, model, opt, 3e-4, 64, params, epochs,
                epochs.get(4).valLoss(), finalAcc, 5, minutes, 1200 + 50 * seed);
    }

    /** Four architectures screened and trained. */
    static ProxyValidation proxy() {
        return new ProxyValidation("search-stl10", List.of(
                new ProxyPoint("ch=32 ks=7,3,5 st=2,1,2 di=1,3,1", 31.24, 57.57),
                new ProxyPoint("ch=32 ks=9,3,7 st=3,1,1 di=1,1,1", 31.20, 58.59),
                new ProxyPoint("ch=32 ks=9,3,5 st=3,1,1 di=1,1,1", 30.84, 56.65),
                new ProxyPoint("ch=32 ks=9,9,7 st=2,2,1 di=2,1,1", 25.72, 54.44)),
                0.8, 0.67, 4);
    }
}
