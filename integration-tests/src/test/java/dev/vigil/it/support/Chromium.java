package dev.vigil.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Debian's Chromium, headless, as the brief starts it: the agent's pages are checked in a real browser. */
public final class Chromium {
    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);

    private Chromium() {
    }

    /** The {@code chromium} on the PATH; the test is skipped without one (failed with {@code VIGIL_REQUIRE_SERVICES=1}). */
    public static Path require() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "chromium is not on the PATH, so the overview page cannot be checked in a browser"
                + " (Debian: apt-get install chromium; .ci/run installs it)";
        if (Services.servicesRequired()) {
            Assertions.fail(message + ", and VIGIL_REQUIRE_SERVICES=1 says it must be there");
        }
        Assumptions.abort(message + " — skipping (set VIGIL_REQUIRE_SERVICES=1 to make this a failure)");
        throw new AssertionError("unreachable");
    }

    /** Runs headless Chromium once with {@code args} and returns its stdout; bounded in time. */
    public static String run(Path chromium, List<String> args, AppProcess app) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("vigil-chromium");
        Path out = Files.createTempFile("vigil-chromium", ".out");
        Path err = Files.createTempFile("vigil-chromium", ".err");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=8000"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish within " + BROWSER_TIMEOUT + ": " + command
                        + "\n" + Files.readString(err, StandardCharsets.UTF_8) + "\n" + app.logTail());
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("chromium's exit code: " + command + "\n"
                    + Files.readString(err, StandardCharsets.UTF_8)).isZero();
            return stdout;
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            deleteTree(profile);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
