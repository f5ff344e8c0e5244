package dev.vigil.it.apps.jpa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The JPA test target: {@code java -jar jpa-app.jar --server.port=PORT}. Spring Data JPA (Hibernate) on
 * an in-memory H2 through Spring Boot's default HikariCP pool; 15 owners with 2 pets each (data.sql).
 * Routes are in {@link OwnersController}.
 */
@SpringBootApplication
public class JpaApp {

    public static void main(String[] args) {
        SpringApplication.run(JpaApp.class, args);
    }
}
