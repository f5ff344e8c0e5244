package dev.vigil.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Artifacts;
import dev.vigil.it.support.Http;
import dev.vigil.it.support.Scrape;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's logging is the application's: with the agent it prints exactly what it prints without
 * it (digits aside: times, ports, pids), on the same streams, and the agent's endpoint still serves. Quarkus
 * and WildFly choose the JVM's LogManager themselves ({@code java.util.logging.manager} = JBoss LogManager);
 * whoever touches JUL or {@code System.Logger} first takes that choice from them, and Quarkus then says
 * "The LogManager accessed before ..." and falls back to JUL's two-line format. Spring Boot's
 * {@code logging.*} settings and a Log4j2 configuration are checked the same way, and so is the rest of the
 * JVM-wide state an application configures (time zone, locale, security providers, URL stream handlers...).
 */
class AppLoggingHardeningIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void quarkusKeepsItsOwnLogManagerAndFormat() {
        Path runJar = Artifacts.appsDir().resolve("quarkus-app/target/quarkus-app/quarkus-run.jar");
        List<Output> runs = new ArrayList<>();
        for (boolean agent : new boolean[] {false, true}) {
            int appPort = AppProcess.freePort();
            runs.add(run(AppProcess.jar(runJar).sysProp("quarkus.http.port", appPort).directory(dir), agent, app -> {
                app.awaitHttp(appPort, "/hello", START);
                assertThat(Http.get(appPort, "/hello").status()).isEqualTo(200);
            }, metricsPort -> assertThat(Scrape.fetch(metricsPort).samples("vigil_agent_info", Map.of())).hasSize(1)));
        }

        assertTheSameLogs(runs.get(0), runs.get(1));
        assertThat(runs.get(1).app).as("Quarkus' own line format").anyMatch(line -> line.contains("INFO  [io.quarkus] (main) greeting"));
    }

    @Test
    void jbossLogManagerSetOnTheCommandLineAsWildFlyDoes() throws IOException, URISyntaxException {
        assertTheSameJvmState("command-line", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    }

    @Test
    void jbossLogManagerSetInMainAsQuarkusDoes() throws IOException, URISyntaxException {
        assertTheSameJvmState("in-main", null);
    }

    @Test
    void springBootLoggingSettingsApply() {
        List<Output> runs = new ArrayList<>();
        for (boolean agent : new boolean[] {false, true}) {
            runs.add(run(AppProcess.jar(Artifacts.appJar("spring-app"))
                    .arg("--server.port=" + AppProcess.freePort())
                    .arg("--logging.level.root=INFO")
                    .arg("--spring.main.banner-mode=log")
                    .directory(dir), agent, app -> app.awaitOutput("Started SpringApp", START), metricsPort -> { }));
        }

        assertTheSameLogs(runs.get(0), runs.get(1));
        assertThat(runs.get(1).app).as("the banner, logged at the level logging.level.root set")
                .anyMatch(line -> line.contains("Spring Boot ::")).anyMatch(line -> line.contains("org.apache.catalina"));
    }

    @Test
    void log4j2ConfigurationApplies() {
        List<Output> runs = new ArrayList<>();
        for (boolean agent : new boolean[] {false, true}) {
            int appPort = AppProcess.freePort();
            runs.add(run(AppProcess.jar(Artifacts.appJar("log4j2-app")).arg(String.valueOf(appPort)), agent,
                    app -> app.awaitOutput("log4j2-app listening", START), metricsPort -> { }));
        }

        assertTheSameLogs(runs.get(0), runs.get(1));
        assertThat(runs.get(1).app).as("log4j2.xml's ECS JSON layout").anyMatch(line -> line.contains("\"ecs.version\""));
    }

    /**
     * {@link JvmStateApp} with JBoss LogManager on its class path, as a WildFly or Quarkus application has it:
     * the same logs and the same JVM-wide state at its start and after the agent's endpoint is up.
     */
    private void assertTheSameJvmState(String mode, String jvmArg) throws IOException, URISyntaxException {
        List<Output> runs = new ArrayList<>();
        for (boolean agent : new boolean[] {false, true}) {
            Path trigger = dir.resolve("metrics-read-" + agent);
            AppProcess.Builder builder = AppProcess.mainClass(JvmStateApp.class.getName(), jbossLogManagerClassPath())
                    .arg(mode).arg(trigger.toString()).directory(dir);
            if (jvmArg != null) {
                builder.jvmArg(jvmArg);
            }
            runs.add(run(builder, agent, app -> app.awaitOutput("STATE ", START), metricsPort -> { }, app -> {
                touch(trigger);
                assertThat(app.awaitExit(START)).as(app.logTail()).isZero();
            }));
        }

        assertTheSameLogs(runs.get(0), runs.get(1));
        List<String> withAgent = runs.get(1).app;
        assertThat(withAgent).as("the application's choices, at its start and after the agent's late start")
                .anyMatch(line -> line.startsWith("out: STATE logManager=org.jboss.logmanager.LogManager loggerFinder=org.jboss.logmanager.JBossLoggerFinder timeZone=" + JvmStateApp.TIME_ZONE))
                .anyMatch(line -> line.startsWith("out: LATER logManager=org.jboss.logmanager.LogManager")
                        && line.contains(" mbeanServers=0 ") && line.endsWith(" urlStreamHandlerFactory=free"))
                .anyMatch(line -> line.contains("INFO  [dev.vigil.app] (main) application started"));
    }

    private static List<Path> jbossLogManagerClassPath() throws IOException, URISyntaxException {
        // JBoss LogManager and the SmallRye Common jars it needs, as the Quarkus app's build resolved them.
        Path boot = Artifacts.appsDir().resolve("quarkus-app/target/quarkus-app/lib/boot");
        List<Path> classPath = new ArrayList<>();
        classPath.add(Path.of(JvmStateApp.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        try (Stream<Path> jars = Files.list(boot)) {
            jars.filter(jar -> jar.getFileName().toString().startsWith("org.jboss.logmanager.")
                    || jar.getFileName().toString().startsWith("io.smallrye.common.")).sorted().forEach(classPath::add);
        }
        assertThat(classPath).as("jboss-logmanager in " + boot).anyMatch(jar -> jar.toString().contains("jboss-logmanager"));
        return classPath;
    }

    private static void assertTheSameLogs(Output without, Output with) {
        assertThat(with.app).as("the application's log lines with the agent, without it:\n%s\n%s",
                String.join("\n", without.app), with.logTail).isEqualTo(without.app);
        assertThat(with.err).as(with.logTail).noneMatch(line -> line.contains("LogManager accessed before"));
    }

    /**
     * Starts the app, waits until it is ready and (with the agent) its endpoint serves, returns its output so
     * far. What it logs while stopping is left out: which of Quarkus' threads logs "stopped" is a race.
     */
    private Output run(AppProcess.Builder builder, boolean agent, Consumer<AppProcess> ready,
                       Consumer<Integer> whileUp) {
        return run(builder, agent, ready, whileUp, app -> { });
    }

    /** As above; {@code stop} lets the app end by itself first, its output then read to the end. */
    private Output run(AppProcess.Builder builder, boolean agent, Consumer<AppProcess> ready, Consumer<Integer> whileUp,
                       Consumer<AppProcess> stop) {
        int metricsPort = AppProcess.freePort();
        if (agent) {
            builder.withAgent().sysProp("vigil.metrics.port", metricsPort);
        }
        try (AppProcess app = builder.start()) {
            ready.accept(app);
            if (agent) {
                app.awaitHttp(metricsPort, "/metrics", START);
                whileUp.accept(metricsPort);
            }
            stop.accept(app);
            return new Output(app);
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "read");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What the application printed on stdout and stderr, the agent's own JSON lines left out, digits masked. */
    private static final class Output {
        final List<String> app;
        final List<String> err;
        final String logTail;

        Output(AppProcess process) {
            this.err = process.stderr().lines().collect(Collectors.toList());
            this.app = Stream.concat(process.stdout().lines().map(line -> "out: " + line),
                            process.stderr().lines().filter(line -> !isAgentLine(line)).map(line -> "err: " + line))
                    .map(line -> line.replaceAll("[0-9]+", "0"))
                    .collect(Collectors.toList());
            this.logTail = process.logTail();
        }

        private static boolean isAgentLine(String line) {
            return line.startsWith("{\"@timestamp\"") && line.contains("\"logger_name\":\"dev.vigil.agent");
        }
    }
}
