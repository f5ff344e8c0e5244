package dev.vigil.examples.shop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The example shop: {@code java -javaagent:vigil-agent.jar -jar vigil-shop.jar}. Spring MVC and Spring
 * Data JPA on an in-memory H2 ({@code --spring.profiles.active=postgres} for PostgreSQL), seeded at
 * startup by {@link SeedData}. Logs {@code READY <port>} once the data is in and requests are served.
 */
@SpringBootApplication
public class ShopApp {

    private static final Logger log = LoggerFactory.getLogger(ShopApp.class);

    public static void main(String[] args) {
        SpringApplication.run(ShopApp.class, args);
    }

    /** The line the demo script and the tests wait for (runners, so the seed data, are done by now). */
    @EventListener
    public void ready(ApplicationReadyEvent event) {
        log.info("READY {}", event.getApplicationContext().getEnvironment().getProperty("local.server.port"));
    }
}
