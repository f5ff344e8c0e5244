package dev.vigil.it.apps.hardening;

import java.sql.SQLException;

/**
 * What {@link HostileStatement} throws: an exception that fails when asked about itself (its cause, its
 * message, its text). The application only catches it; anything else that looks inside it fails.
 */
final class HostileSqlException extends SQLException {
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
    public String getSQLState() {
        throw new IllegalStateException("the state is not for reading");
    }

    @Override
    public String toString() {
        throw new IllegalStateException("the text is not for reading");
    }
}
