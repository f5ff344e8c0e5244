package dev.vigil.it.apps.hardening;

/** Thrown by {@link Teapot}: fails when asked for its cause, message or text. */
final class HostileRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public synchronized Throwable getCause() {
        throw new IllegalStateException("the cause is not for reading");
    }

    @Override
    public String getMessage() {
        throw new IllegalStateException("the message is not for reading");
    }

    @Override
    public String toString() {
        throw new IllegalStateException("the text is not for reading");
    }
}
