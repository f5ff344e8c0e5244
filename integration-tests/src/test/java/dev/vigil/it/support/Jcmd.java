package dev.vigil.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a diagnostic command in an application JVM with the test JDK's {@code jcmd} and returns its output:
 * {@code Jcmd.run(app, "GC.class_histogram")}, {@code Jcmd.run(app, "Thread.print")}. A command that fails
 * or takes over a minute fails the test with its output and the application's log tail.
 */
public final class Jcmd {

    private static final long TIMEOUT_SECONDS = 60;

    private Jcmd() {
    }

    public static String run(AppProcess app, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = List.of(jcmd.toString(), String.valueOf(app.pid()), command);
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", line) + " failed: " + output + "\n" + app.logTail());
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + jcmd + " (a JDK, not a JRE, runs the tests)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running jcmd " + command + " on " + app, e);
        }
    }
}
