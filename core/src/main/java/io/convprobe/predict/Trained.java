package io.convprobe.predict;

/** A model fitted on some rows: its prediction on the rank scale of its target, and its spread where it has one. */
interface Trained {
    double predict(Features f);

    /** NaN when the model has no spread of its own. */
    double spread(Features f);
}
