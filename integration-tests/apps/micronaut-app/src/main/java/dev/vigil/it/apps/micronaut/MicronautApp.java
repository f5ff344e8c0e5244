package dev.vigil.it.apps.micronaut;

import io.micronaut.runtime.Micronaut;

/** Micronaut 4 on its Netty server. */
public class MicronautApp {
    public static void main(String[] args) {
        Micronaut.run(MicronautApp.class, args);
    }
}
