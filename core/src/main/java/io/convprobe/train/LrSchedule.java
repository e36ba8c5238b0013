package io.convprobe.train;

import io.convprobe.UserException;
import java.util.List;
import java.util.Locale;

/**
 * The learning rate as a pure function of the update index. Indexing follows PyTorch's per-batch
 * {@code scheduler.step()} after every {@code optimizer.step()}: update {@code t} (0-based, so the
 * first update is {@code t = 0}) uses {@code lr(t)}. convprobe does not use DJL's trackers or
 * optimizers (their state cannot be saved), so DJL's {@code numUpdate} base does not come into it.
 */
public sealed interface LrSchedule permits LrSchedule.Constant, LrSchedule.Step, LrSchedule.CosineWarmup {
    List<String> NAMES = List.of("constant", "step", "cosine");

    /** Learning rate for update {@code step} (0-based). */
    double lr(long step);

    /** The base learning rate throughout. */
    record Constant(double base) implements LrSchedule {
        @Override
        public double lr(long step) {
            return base;
        }
    }

    /** {@code base · gamma^⌊t / every⌋}: PyTorch's {@code StepLR(step_size=every, gamma)} stepped per update. */
    record Step(double base, long every, double gamma) implements LrSchedule {
        public Step {
            if (every < 1) {
                throw new UserException("step schedule: the decay interval must be at least 1 update, got " + every);
            }
        }

        @Override
        public double lr(long step) {
            return base * Math.pow(gamma, step / every);
        }
    }

    /**
     * Linear warm-up then cosine decay to 0, as Hugging Face's {@code get_cosine_schedule_with_warmup}
     * (a {@code LambdaLR}): {@code t < W}: base·t/W (so the very first update has lr 0 when W > 0);
     * then base·½(1 + cos(π·(t−W)/(T−W))), where T is the total number of updates (0 from T on).
     */
    record CosineWarmup(double base, long warmup, long total) implements LrSchedule {
        public CosineWarmup {
            if (warmup < 0) {
                throw new UserException("--warmup-steps must be >= 0, got " + warmup);
            }
            if (warmup > total) {
                throw new UserException("--warmup-steps " + warmup + " exceeds the run's " + total + " updates");
            }
        }

        @Override
        public double lr(long step) {
            if (step < warmup) {
                return base * step / Math.max(1, warmup);
            }
            double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
            return base * Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
        }
    }

    /**
     * The schedule called {@code name}. {@code stepEvery} is the step schedule's interval in updates,
     * {@code totalSteps} the run's updates (cosine decays over them).
     */
    static LrSchedule of(String name, double base, long totalSteps, long warmup, long stepEvery, double gamma) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "constant" -> new Constant(base);
            case "step" -> new Step(base, stepEvery, gamma);
            case "cosine" -> new CosineWarmup(base, warmup, totalSteps);
            default -> throw new UserException("unknown schedule '" + name + "' (known: " + String.join(", ", NAMES) + ")");
        };
    }
}
