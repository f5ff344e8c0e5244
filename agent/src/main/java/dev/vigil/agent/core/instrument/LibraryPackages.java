package dev.vigil.agent.core.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Packages of common libraries that implement none of the interfaces a hierarchy matcher looks for
 * ({@code java.sql.Statement}, {@code HttpHandler}, a servlet or filter, an Apache HTTP client). Telling them by name is a
 * string comparison; telling them by hierarchy means parsing the class and its super types. A Spring
 * Boot app loads thousands of these classes, so this check runs first.
 */
public final class LibraryPackages {
    /** Frameworks and utilities without JDBC statements or connections of their own (pools and drivers do have them). */
    private static final String[] WITHOUT_JDBC = {
            "org.springframework.", "org.hibernate.", "org.apache.catalina.", "org.apache.coyote.",
            "org.apache.tomcat.util.", "org.apache.tomcat.websocket.", "org.apache.jasper.", "org.eclipse.jetty.",
            "org.glassfish.", "com.fasterxml.jackson.", ApplicationNames.of("ch:qos:logback:"),
            ApplicationNames.of("org:slf4j:"), ApplicationNames.of("io:micrometer:"), ApplicationNames.of("net:bytebuddy:"),
            ApplicationNames.of("io:opentelemetry:"), "org.apache.logging.log4j.", "org.jboss.logging.", "kotlin.",
            "scala.", "org.yaml.", "org.aspectj.", "com.google.common.", "io.netty.", "reactor.", "jakarta.", "javax.",
            "org.thymeleaf.", "org.attoparser.", "org.unbescape."};

    /** The same for servlets and filters, which Spring and the containers do have: only libraries that never serve HTTP. */
    private static final String[] WITHOUT_SERVLETS = {
            "org.hibernate.", "com.fasterxml.jackson.", ApplicationNames.of("ch:qos:logback:"),
            ApplicationNames.of("org:slf4j:"), ApplicationNames.of("io:micrometer:"), ApplicationNames.of("net:bytebuddy:"),
            ApplicationNames.of("io:opentelemetry:"), "org.apache.logging.log4j.", "org.jboss.logging.", "kotlin.",
            "scala.", "org.yaml.", "org.aspectj.", "com.zaxxer.hikari.", "org.postgresql.", "org.mariadb.", "com.mysql.",
            "org.springframework.aop.", "org.springframework.asm.", "org.springframework.beans.",
            "org.springframework.cglib.", "org.springframework.core.", "org.springframework.dao.",
            "org.springframework.data.", "org.springframework.expression.", "org.springframework.jdbc.",
            "org.springframework.orm.", "org.springframework.transaction.", "org.springframework.util.",
            "jakarta.persistence.", "jakarta.validation.", "jakarta.annotation.", "jakarta.transaction.",
            "javax.persistence.", "javax.validation.", "javax.annotation."};

    private LibraryPackages() {
    }

    public static ElementMatcher.Junction<TypeDescription> outsideLibrariesWithoutJdbc() {
        return not(anyOf(WITHOUT_JDBC));
    }

    public static ElementMatcher.Junction<TypeDescription> outsideLibrariesWithoutServlets() {
        return not(anyOf(WITHOUT_SERVLETS));
    }

    private static ElementMatcher.Junction<TypeDescription> anyOf(String[] prefixes) {
        ElementMatcher.Junction<TypeDescription> any = none();
        for (String prefix : prefixes) {
            any = any.or(nameStartsWith(prefix));
        }
        return any;
    }
}
