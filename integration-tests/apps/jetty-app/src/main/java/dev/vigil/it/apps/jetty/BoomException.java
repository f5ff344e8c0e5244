package dev.vigil.it.apps.jetty;

/** What {@code /boom} throws: an application's own RuntimeException subclass, named in error_type. */
public class BoomException extends RuntimeException {

    public BoomException(String message) {
        super(message);
    }
}
