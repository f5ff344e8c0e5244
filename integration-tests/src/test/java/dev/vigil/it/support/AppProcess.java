package dev.vigil.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An application running in its own JVM, usually under the agent: what a user gets from
 * {@code java -javaagent:vigil-agent.jar -jar app.jar}.
 *
 * <pre>{@code
 * int appPort = AppProcess.freePort(), metricsPort = AppProcess.freePort();
 * try (AppProcess app = AppProcess.jar(Artifacts.appJar("spring-app"))
 *         .withAgent()
 *         .sysProp("vigil.metrics.port", metricsPort)
 *         .arg("--server.port=" + appPort)
 *         .start()) {
 *     app.awaitHttp(appPort, "/owners/1", Duration.ofSeconds(60));
 *     ...
 * }
 * }</pre>
 *
 * <p>The JVM is the one running the tests ({@code java.home}), so running the suite on another JDK
 * tests the agent on that JDK. stdout and stderr go to {@code target/it-logs/<test>-<n>.out|.err},
 * which stay there after the run for reading.
 */
public final class AppProcess implements AutoCloseable {

    /** How much of each log a failure message shows. */
    private static final int TAIL_LINES = 60;

    private static final Map<String, AtomicInteger> RUNS_PER_NAME = new ConcurrentHashMap<>();
    private static final Set<Integer> PORTS_HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * Inherited variables that would change what the application or the agent does behind the
     * test's back (a developer's shell with JAVA_TOOL_OPTIONS=-javaagent:..., or OTEL_SERVICE_NAME).
     * A test that wants one sets it with {@link Builder#env}.
     */
    private static final List<String> SCRUBBED_ENV_PREFIXES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "OTEL_", "VIGIL_");

    private final Process process;
    private final List<String> command;
    private final Path stdoutFile;
    private final Path stderrFile;

    private AppProcess(Process process, List<String> command, Path stdoutFile, Path stderrFile) {
        this.process = process;
        this.command = command;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
    }

    /** {@code java -jar jar}. */
    public static Builder jar(Path jar) {
        requireFile(jar, "application jar");
        return new Builder(List.of("-jar", jar.toString()), nameFromJar(jar));
    }

    /** {@code java -cp classpath cls}. */
    public static Builder mainClass(String cls, List<Path> classpath) {
        String cp = classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return new Builder(List.of("-cp", cp, cls), cls.substring(cls.lastIndexOf('.') + 1));
    }

    /**
     * A TCP port on 127.0.0.1 that was free a moment ago. Never returns the same port twice in one
     * test JVM, so two ports picked for one application cannot collide with each other.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                int port = socket.getLocalPort();
                if (PORTS_HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a server socket on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no fresh free port on 127.0.0.1 after 50 attempts");
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> command() {
        return command;
    }

    public Path stdoutFile() {
        return stdoutFile;
    }

    public Path stderrFile() {
        return stderrFile;
    }

    /** Everything the application printed to stdout so far. */
    public String stdout() {
        return read(stdoutFile);
    }

    /** Everything the application printed to stderr so far (the agent logs here by default). */
    public String stderr() {
        return read(stderrFile);
    }

    /** The last lines of both logs and the command line, for failure messages. */
    public String logTail() {
        return "command: " + String.join(" ", command)
                + "\n--- " + stdoutFile + " (last " + TAIL_LINES + " lines) ---\n" + tail(stdout())
                + "\n--- " + stderrFile + " (last " + TAIL_LINES + " lines) ---\n" + tail(stderr());
    }

    /**
     * Polls {@code http://127.0.0.1:port/path} until any HTTP response arrives (whatever its
     * status). Fails with both log tails when the process exits first or the time is up.
     */
    public AppProcess awaitHttp(int port, String path, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the application exited with code " + process.exitValue()
                        + " before answering on 127.0.0.1:" + port + path + "\n" + logTail());
            }
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
                return this;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for 127.0.0.1:" + port + path, e);
            }
            sleep(150);
        }
        throw new AssertionError("no HTTP response from 127.0.0.1:" + port + path + " within " + timeout
                + " (last error: " + last + ")\n" + logTail());
    }

    /** Waits until stdout or stderr contains {@code fragment}; fails with both log tails otherwise. */
    public AppProcess awaitOutput(String fragment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdout().contains(fragment) || stderr().contains(fragment)) {
                return this;
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(100);
        }
        if (stdout().contains(fragment) || stderr().contains(fragment)) {
            return this;
        }
        throw new AssertionError("the application's output never contained \"" + fragment + "\" within "
                + timeout + (process.isAlive() ? "" : " (it exited with code " + process.exitValue() + ")")
                + "\n" + logTail());
    }

    /** Waits for the process to exit by itself and returns its exit code; fails if it does not. */
    public int awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("the application was still running after " + timeout + "\n" + logTail());
    }

    /** Destroys the process and its children: a polite signal, 5 s of grace, then SIGKILL. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return "AppProcess[pid=" + process.pid() + ", logs=" + stdoutFile + "]";
    }

    /** Collects the JVM's options; {@link #start()} launches it. */
    public static final class Builder {
        private final List<String> launch;
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> sysProps = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private boolean withAgent;
        private String name;
        private Path directory;

        private Builder(List<String> launch, String defaultName) {
            this.launch = launch;
            this.name = testNameOrElse(defaultName);
        }

        /**
         * Adds {@code -javaagent:<vigil.agent.jar>}. The metrics endpoint binds 127.0.0.1 unless the
         * test sets {@code vigil.metrics.host} itself: tests talk to loopback only.
         */
        public Builder withAgent() {
            Artifacts.agentJar(); // fails now, with the build command, if the agent was not built
            this.withAgent = true;
            return this;
        }

        public Builder sysProp(String key, Object value) {
            sysProps.put(key, String.valueOf(value));
            return this;
        }

        /** Sets an environment variable (inherited OTEL_*, VIGIL_* and JAVA_TOOL_OPTIONS are dropped). */
        public Builder env(String key, Object value) {
            env.put(key, String.valueOf(value));
            return this;
        }

        /** A program argument, after the jar or main class. */
        public Builder arg(String arg) {
            args.add(arg);
            return this;
        }

        /** A JVM option before the jar or main class, e.g. {@code -Xmx256m}. */
        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /** Names the log files {@code target/it-logs/<name>-<n>.out}; defaults to the test class. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** Working directory of the process; defaults to the test JVM's. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public AppProcess start() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            if (withAgent) {
                command.add("-javaagent:" + Artifacts.agentJar());
                sysProps.putIfAbsent("vigil.metrics.host", "127.0.0.1");
            }
            sysProps.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(launch);
            command.addAll(args);

            Path logDir = logDirectory();
            int n = RUNS_PER_NAME.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            Path out = logDir.resolve(name + "-" + n + ".out");
            Path err = logDir.resolve(name + "-" + n + ".err");

            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            if (directory != null) {
                pb.directory(directory.toFile());
            }
            pb.environment().keySet().removeIf(k -> SCRUBBED_ENV_PREFIXES.stream().anyMatch(k::startsWith));
            pb.environment().putAll(env);
            try {
                return new AppProcess(pb.start(), Collections.unmodifiableList(command), out, err);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
            }
        }
    }

    // --- plumbing ---

    private static Path logDirectory() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "it-logs");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * The test class that is starting the process, found on the stack, so logs are easy to find: the
     * nearest class named like a test (*IT, *Test, *Tests), else the nearest project class
     * outside this package (a shared helper), else the jar or main class name.
     */
    private static String testNameOrElse(String fallback) {
        List<String> callers = StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(c -> c.startsWith("dev.vigil.") && !c.startsWith(AppProcess.class.getPackageName()))
                .map(c -> c.substring(c.lastIndexOf('.') + 1))
                .map(c -> c.contains("$") ? c.substring(0, c.indexOf('$')) : c)
                .collect(Collectors.toList()));
        return callers.stream()
                .filter(c -> c.endsWith("IT") || c.endsWith("Test") || c.endsWith("Tests"))
                .findFirst()
                .or(() -> callers.stream().findFirst())
                .orElse(fallback);
    }

    private static String nameFromJar(Path jar) {
        String file = jar.getFileName().toString();
        return file.endsWith(".jar") ? file.substring(0, file.length() - 4) : file;
    }

    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(what + " not found: " + file.toAbsolutePath());
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String tail(String text) {
        String[] lines = text.split("\n", -1);
        int from = Math.max(0, lines.length - TAIL_LINES);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
