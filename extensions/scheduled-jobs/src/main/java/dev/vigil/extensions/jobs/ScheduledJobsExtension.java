package dev.vigil.extensions.jobs;

import dev.vigil.extension.ExtensionContext;
import dev.vigil.extension.MethodListener;
import dev.vigil.extension.Timer;
import dev.vigil.extension.VigilExtension;

/**
 * Times every run of a Spring {@code @Scheduled} method:
 * {@code vigil_scheduled_job_duration_seconds{job="ReportJobs.refresh", outcome="success"|"error"}}.
 * Its {@code _count} answers "did the nightly job run, and did it work?", which no HTTP metric can.
 *
 * <p>Spring runs each {@code @Scheduled} method through {@code ScheduledMethodRunnable#run} (Spring 4
 * to 7), so one method is enough. The extension sees Spring only through reflection: it is loaded by
 * the agent, not by the application, and must not link against the application's classes.
 */
public final class ScheduledJobsExtension implements VigilExtension {
    static final String RUNNABLE = "org.springframework.scheduling.support.ScheduledMethodRunnable";

    @Override
    public String name() {
        return "scheduled-jobs";
    }

    @Override
    public void install(ExtensionContext context) {
        Timer runs = context.timer("vigil_scheduled_job_duration",
                "Runs of Spring @Scheduled methods, by job and outcome", "job", "outcome");
        context.instrument(RUNNABLE, "run", new JobListener(runs));
    }

    static final class JobListener implements MethodListener {
        private final Timer runs;
        private final JobNames names = new JobNames();

        JobListener(Timer runs) {
            this.runs = runs;
        }

        @Override
        public void onExit(Object state, Object runnable, Object returned, Throwable thrown, long durationNanos) {
            runs.record(durationNanos, names.of(runnable), thrown == null ? "success" : "error");
        }
    }
}
