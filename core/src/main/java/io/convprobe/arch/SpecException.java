package io.convprobe.arch;

import io.convprobe.UserException;

/** A malformed or impossible architecture spec; the message names the layer and the sizes. */
public class SpecException extends UserException {
    public SpecException(String message) {
        super(message);
    }
}
