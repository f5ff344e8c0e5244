package dev.vigil.it.apps.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot test target: {@code java -jar spring-app.jar --server.port=PORT}. Routes are in
 * {@link OwnersController} (JDBC) and {@link BehaviourController} (errors, async, statuses, latency) and
 * {@link TraceController} (logs on other threads, outgoing HTTP calls, a query: what a trace must follow).
 */
@SpringBootApplication
public class SpringApp {

    public static void main(String[] args) {
        SpringApplication.run(SpringApp.class, args);
    }
}
