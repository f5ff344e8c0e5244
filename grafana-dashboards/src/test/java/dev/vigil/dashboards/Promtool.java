package dev.vigil.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's {@code promtool}. Without it the calling test is skipped with the install command, or
 * fails when {@code VIGIL_REQUIRE_SERVICES=1} (as in CI) says it must be there.
 */
final class Promtool {
    private static final long TIMEOUT_SECONDS = 60;

    private Promtool() {
    }

    /** {@code promtool ARGS}: its output; the test fails unless it exits 0 within a minute. */
    static String run(String... args) throws Exception {
        Optional<Path> promtool = onPath("promtool");
        if (promtool.isEmpty()) {
            String why = "promtool is not on the PATH (Debian: apt-get install prometheus; .ci/run installs it)";
            if ("1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"))) {
                fail(why + ", and VIGIL_REQUIRE_SERVICES=1 says it must be there");
            }
            Assumptions.abort(why + " — skipping (set VIGIL_REQUIRE_SERVICES=1 to make this a failure)");
        }
        List<String> command = new ArrayList<>();
        command.add(promtool.get().toString());
        command.addAll(List.of(args));
        // Output to a file, not a pipe: a full pipe buffer would block promtool and look like a hang.
        File output = File.createTempFile("promtool", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + "s:\n"
                        + Files.readString(output.toPath(), StandardCharsets.UTF_8));
            }
            String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s exit code; its output:%n%s", String.join(" ", command), text).isZero();
            return text;
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    private static Optional<Path> onPath(String executable) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
