package io.convprobe.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.convprobe.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A study's files in its directory ({@code RUN/validate...}): {@code validate.json} (the whole
 * {@link StudyReport}; NaN written as the string "NaN"), {@code validate.csv} (one row per
 * score) and {@code trained.csv} (one row per trained architecture with its every score, training-time ones too,
 * and its accuracy per seed when it has several), each written to a temporary file and renamed.
 */
public final class StudyFiles {
    public static final String JSON = "validate.json";
    public static final String CSV = "validate.csv";
    /** One row per trained architecture: screen rank, specs, trained accuracy and every evaluated score. */
    public static final String TRAINED_CSV = "trained.csv";
    /** Study directories inside a search run start with this. */
    public static final String PREFIX = "validate";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private StudyFiles() {}

    public static void write(Path studyDir, StudyReport r) {
        try {
            atomic(studyDir.resolve(JSON), MAPPER.writeValueAsString(r));
            atomic(studyDir.resolve(CSV), csv(r));
            atomic(studyDir.resolve(TRAINED_CSV), trainedCsv(r));
        } catch (IOException e) {
            throw new UserException("cannot write the study's results in " + studyDir + ": " + e.getMessage(), e);
        }
    }

    public static StudyReport read(Path json) {
        try {
            return MAPPER.readValue(json.toFile(), StudyReport.class);
        } catch (IOException e) {
            throw new UserException(json + ": not a readable validate result (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
    }

    /** Every finished study of a search run ({@code RUN/validate*}/validate.json), by directory name. */
    public static List<StudyReport> studies(Path searchRun) {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(searchRun)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(searchRun, PREFIX + "*")) {
                for (Path d : ds) {
                    if (Files.isRegularFile(d.resolve(JSON))) {
                        files.add(d.resolve(JSON));
                    }
                }
            } catch (IOException e) {
                throw new UserException("cannot list " + searchRun + ": " + e.getMessage(), e);
            }
        }
        files.sort(null);
        return files.stream().map(StudyFiles::read).toList();
    }

    /**
     * One row per score: the screening scores (kind {@code screen}), then the training-time ones (kind
     * {@code training}, with their cost as a fraction of the full training); {@code of_ceiling} = ρ /
     * the seed-noise ceiling when the study measured it.
     */
    static String csv(StudyReport r) {
        StringBuilder sb = new StringBuilder("proxy,n,spearman,spearman_lo,spearman_hi,kendall,kendall_lo,kendall_hi,"
                + "top_k,top_precision,regret_k,regret,partial_spearman_params,kind,training_cost,of_ceiling\n");
        for (ProxyMetrics m : r.proxies()) {
            csvRow(sb, r, m, "screen", Double.NaN);
        }
        for (StudyReport.TrainingScore t : r.trainingScores()) {
            csvRow(sb, r, t.stats(), "training", t.cost());
        }
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, StudyReport r, ProxyMetrics m, String kind, double cost) {
        double ofCeiling = r.noise() == null ? Double.NaN : r.noise().ofCeiling().getOrDefault(m.proxy(), Double.NaN);
        sb.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%s,%s,%d,%s,%d,%s,%s,%s,%s,%s%n", m.proxy(), m.n(),
                num(m.spearman()), num(m.spearmanCi().lo()), num(m.spearmanCi().hi()), num(m.kendall()),
                num(m.kendallCi().lo()), num(m.kendallCi().hi()), m.topK(), num(m.topPrecision()), m.regretK(),
                num(m.regret()), num(m.partialSpearman()), kind, num(cost), num(ofCeiling)));
    }

    static String trainedCsv(StudyReport r) {
        List<String> names = r.archs().isEmpty() ? List.of() : List.copyOf(r.archs().get(0).scores().keySet());
        List<String> timed = r.trainingScores().stream().map(StudyReport.TrainingScore::score).toList();
        int seeds = r.archs().stream().mapToInt(a -> a.seedAccuracies().size()).max().orElse(0);
        StringBuilder sb = new StringBuilder("screen_rank,id,spec,trained_spec,trained_accuracy,params");
        names.forEach(n -> sb.append(',').append(quote(n)));
        timed.forEach(n -> sb.append(',').append(quote(n)));
        for (int s = 1; s <= seeds; s++) {
            sb.append(",accuracy_seed").append(s);
        }
        sb.append('\n');
        for (StudyReport.TrainedArch a : r.archs()) {
            sb.append(a.screenRank()).append(',').append(a.id()).append(',').append(quote(a.spec())).append(',')
                    .append(quote(a.trainedSpec())).append(',').append(num(a.trainedAccuracy())).append(',')
                    .append(a.params() < 0 ? "" : Long.toString(a.params()));
            names.forEach(n -> sb.append(',').append(num(a.scores().getOrDefault(n, Double.NaN))));
            timed.forEach(n -> sb.append(',').append(num(a.trainingScores().getOrDefault(n, Double.NaN))));
            for (int s = 0; s < seeds; s++) {
                sb.append(',').append(num(s < a.seedAccuracies().size() ? a.seedAccuracies().get(s) : Double.NaN));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    static void atomic(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
