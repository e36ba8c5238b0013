package io.convprobe.data;

/** A dataset split. {@code UNLABELED} exists only for STL-10 (labels are -1 there). */
public enum Split {
    TRAIN, TEST, UNLABELED;

    public String key() {
        return name().toLowerCase();
    }
}
