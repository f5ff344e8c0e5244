package dev.vigil.examples.shop;

/** A customer or product that does not exist: 404 Not Found. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, long id) {
        super(what + " " + id + " not found");
    }
}
