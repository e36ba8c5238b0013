package io.convprobe.validate;

import io.convprobe.UserException;

/**
 * How many times a study trains its networks ({@code validate --seeds K}): each of the first {@code
 * count} picks in training order (null: all) once more with each of the seeds study seed + 1 … +
 * K−1. Not part of the study's settings ({@code study.json}): a study started with one seed can gain
 * more later and keeps its first trainings.
 */
public record Seeds(int k, Integer count) {
    public static final Seeds ONE = new Seeds(1, null);

    public Seeds {
        if (k < 1) {
            throw new UserException("--seeds must be at least 1, got " + k);
        }
        if (count != null && count < 1) {
            throw new UserException("--seeds-count must be at least 1, got " + count);
        }
    }

    /** The trainings' directory of seed index {@code s} (0 = the study's seed) inside the study: train, train-seed2, … */
    public static String dir(int s) {
        return s == 0 ? "train" : "train-seed" + (s + 1);
    }

    /** How many of {@code picks} get the extra seeds. */
    int networks(int picks) {
        return k == 1 ? 0 : count == null ? picks : Math.min(count, picks);
    }
}
