package dev.vigil.agent.alerts;

/**
 * A mistake in an alerts file, already phrased for its author: the file, the line, the key and the
 * expected form, e.g. {@code alerts.yaml line 7: over: expected a duration such as 15m, 1h or 30d, got "fifteen"}.
 */
public final class AlertsFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public AlertsFileException(String message) {
        super(message);
    }
}
