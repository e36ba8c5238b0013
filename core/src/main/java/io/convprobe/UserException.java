package io.convprobe;

/**
 * A problem with what the user asked for or gave us (a malformed spec, a corrupt file, a missing
 * dataset). The CLI prints its message on one line and exits with code 2; no stack trace unless
 * {@code --debug}. Messages name what was wrong and where.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
