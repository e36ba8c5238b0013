package io.convprobe.space;

/** Why a spec of a space is or is not probed. */
public enum Validity {
    /** Some layer's (dilated) kernel is larger than its input. */
    INVALID_SHAPE,
    /** Every layer fits but output elements / input elements is outside the allowed range. */
    RATIO_OUT_OF_RANGE,
    VALID
}
