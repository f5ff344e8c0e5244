package dev.vigil.it.apps.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Two {@code @Scheduled} jobs for the scheduled-jobs extension's test, on only with
 * {@code --app.jobs.enabled=true}: each runs once at start-up and then not for an hour, so the test
 * knows exactly how many runs to expect. {@code syncInventory} fails, as a broken nightly job would.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "app.jobs.enabled", havingValue = "true")
public class ReportJobs {
    static final AtomicInteger RUNS = new AtomicInteger();

    @Scheduled(initialDelay = 0, fixedDelay = 3_600_000)
    public void refreshReport() {
        RUNS.incrementAndGet();
    }

    @Scheduled(initialDelay = 0, fixedDelay = 3_600_000)
    public void syncInventory() {
        RUNS.incrementAndGet();
        throw new IllegalStateException("inventory service unreachable");
    }
}
