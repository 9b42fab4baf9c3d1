package io.stageflow.platform.messaging;

/**
 * A record that can never be processed, however often it is retried: missing CloudEvents attributes,
 * an unknown type, unreadable data. The binder sends it to the dead-letter topic at once.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
