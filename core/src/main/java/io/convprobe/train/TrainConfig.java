package io.convprobe.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.convprobe.UserException;
import java.util.Locale;

/**
 * Everything that defines a training run. Null fields take defaults in the constructor, so the CLI,
 * YAML experiment files and checkpoints all go through the same rules. Serialised with snake_case
 * keys ({@code batch_size}, {@code max_inputs}, ...), which is also the YAML vocabulary.
 *
 * <p>Defaults follow part B: AdamW, lr 3e-4, batch 64, cosine schedule; 10 epochs unless
 * {@code epochs} or {@code max_inputs} says otherwise. Weight decay defaults to PyTorch's per
 * optimizer (AdamW 0.01, Adam and SGD 0). {@code step_epochs} (the step schedule's interval)
 * defaults to a third of the run. A {@code recipe} ({@link Recipe}, e.g. {@code nb201}) gives the
 * unset settings its values instead of these defaults (epochs excepted); {@code normalize}
 * ({@link Normalization}) is the input's per-channel mean/std after x/255, default {@code none}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainConfig(
        String model,
        String dataset,
        String dataDir,
        Integer epochs,
        Long maxInputs,
        String optimizer,
        Double lr,
        Double momentum,
        Boolean nesterov,
        Double weightDecay,
        Double beta1,
        Double beta2,
        Double eps,
        Integer batchSize,
        String schedule,
        Long warmupSteps,
        Double stepEpochs,
        Double gamma,
        String augment,
        Double labelSmoothing,
        Long seed,
        Integer trial,
        String recipe,
        String normalize) {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static final String DEFAULT_DATASET = "fashion-mnist-mini";
    public static final int DEFAULT_EPOCHS = 10;

    public TrainConfig {
        if (model == null || model.isBlank()) {
            throw new UserException("no model given (a zoo name or a spec)");
        }
        if (recipe != null) {
            Recipe r = Recipe.of(recipe);
            recipe = r.name();
            optimizer = optimizer == null ? r.optimizer() : optimizer;
            lr = lr == null ? r.lr() : lr;
            momentum = momentum == null ? r.momentum() : momentum;
            nesterov = nesterov == null ? r.nesterov() : nesterov;
            weightDecay = weightDecay == null ? r.weightDecay() : weightDecay;
            batchSize = batchSize == null ? r.batchSize() : batchSize;
            schedule = schedule == null ? r.schedule() : schedule;
            warmupSteps = warmupSteps == null ? r.warmupSteps() : warmupSteps;
            augment = augment == null ? r.augment() : augment;
            normalize = normalize == null ? r.normalize() : normalize;
            labelSmoothing = labelSmoothing == null ? r.labelSmoothing() : labelSmoothing;
        }
        dataset = dataset == null ? DEFAULT_DATASET : dataset;
        if (epochs != null && maxInputs != null) {
            throw new UserException("give either epochs or max inputs, not both");
        }
        if (epochs == null && maxInputs == null) {
            epochs = DEFAULT_EPOCHS;
        }
        positive(epochs, "epochs");
        positive(maxInputs, "max inputs");
        optimizer = (optimizer == null ? "adamw" : optimizer).trim().toLowerCase(Locale.ROOT);
        if (!GradOptimizer.NAMES.contains(optimizer)) {
            throw new UserException("unknown optimizer '" + optimizer + "' (known: " + String.join(", ", GradOptimizer.NAMES) + ")");
        }
        lr = lr == null ? 3e-4 : lr;
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new UserException("learning rate must be a positive number, got " + lr);
        }
        momentum = momentum == null ? (optimizer.equals("sgd") ? 0.9 : 0.0) : momentum;
        nesterov = nesterov != null && nesterov;
        weightDecay = weightDecay == null ? (optimizer.equals("adamw") ? 0.01 : 0.0) : weightDecay;
        if (weightDecay < 0) {
            throw new UserException("weight decay must be >= 0, got " + weightDecay);
        }
        beta1 = beta1 == null ? 0.9 : beta1;
        beta2 = beta2 == null ? 0.999 : beta2;
        eps = eps == null ? 1e-8 : eps;
        batchSize = batchSize == null ? 64 : batchSize;
        positive(batchSize, "batch size");
        schedule = (schedule == null ? "cosine" : schedule).trim().toLowerCase(Locale.ROOT);
        if (!LrSchedule.NAMES.contains(schedule)) {
            throw new UserException("unknown schedule '" + schedule + "' (known: " + String.join(", ", LrSchedule.NAMES) + ")");
        }
        warmupSteps = warmupSteps == null ? 0L : warmupSteps;
        gamma = gamma == null ? 0.1 : gamma;
        augment = augment == null ? "none" : augment.trim().toLowerCase(Locale.ROOT);
        io.convprobe.train.augment.Augmentations.parse(augment); // fail early on unknown names
        labelSmoothing = labelSmoothing == null ? 0.0 : labelSmoothing;
        if (labelSmoothing < 0 || labelSmoothing >= 1) {
            throw new UserException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        seed = seed == null ? 0L : seed;
        trial = trial == null ? 0 : trial;
        normalize = Normalization.parse(normalize).text();
    }

    /** The settings before recipes and input normalisation (no recipe, pixels x/255). */
    public TrainConfig(String model, String dataset, String dataDir, Integer epochs, Long maxInputs, String optimizer,
            Double lr, Double momentum, Boolean nesterov, Double weightDecay, Double beta1, Double beta2, Double eps,
            Integer batchSize, String schedule, Long warmupSteps, Double stepEpochs, Double gamma, String augment,
            Double labelSmoothing, Long seed, Integer trial) {
        this(model, dataset, dataDir, epochs, maxInputs, optimizer, lr, momentum, nesterov, weightDecay, beta1, beta2,
                eps, batchSize, schedule, warmupSteps, stepEpochs, gamma, augment, labelSmoothing, seed, trial, null, null);
    }

    /** A config for {@code model} with every other value at its default. */
    public static TrainConfig of(String model) {
        return new TrainConfig(model, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    private static void positive(Number n, String what) {
        if (n != null && n.longValue() < 1) {
            throw new UserException(what + " must be at least 1, got " + n);
        }
    }

    public Normalization normalization() {
        return Normalization.parse(normalize);
    }

    public GradOptimizer.OptimizerSettings optimizerSettings() {
        return new GradOptimizer.OptimizerSettings(momentum, nesterov, weightDecay, beta1, beta2, eps);
    }

    /** A short file-system-safe name: model, optimizer, lr, batch, augmentation, trial. */
    public String runName() {
        String m = model.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "_").replaceAll("^_|_$", "");
        if (m.length() > 60) {
            m = m.substring(0, 40) + "_" + Integer.toHexString(model.hashCode());
        }
        return m + "-" + optimizer + "-lr" + fmt(lr) + "-b" + batchSize + "-" + augment.replaceAll("[^a-z0-9]+", "_")
                + "-t" + trial;
    }

    private static String fmt(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrainConfig fromJson(String json) {
        try {
            return MAPPER.readValue(json, TrainConfig.class);
        } catch (Exception e) {
            throw userError("run configuration", e);
        }
    }

    /** The UserException inside a Jackson error (a constructor check), or a one-line one naming {@code where}. */
    public static UserException userError(String where, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UserException u) {
                return new UserException(where + ": " + u.getMessage(), e);
            }
        }
        String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return new UserException(where + ": " + msg, e);
    }
}
