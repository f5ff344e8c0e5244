package dev.vigil.agent.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few types of a feature that other features may use: the small interfaces it owns for
 * those who call it ({@code ServerRequests} of the HTTP server, say). Everything else in a feature's
 * package is its own business; the architecture test fails when another feature reaches for it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FeatureApi {
}
