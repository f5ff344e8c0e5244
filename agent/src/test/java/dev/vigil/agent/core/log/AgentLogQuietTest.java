package dev.vigil.agent.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A line the level leaves out does not build the log: Logback's context costs some 30 ms of CPU beside the
 * application's start, which a user who asked for {@code vigil.log.level=warn} should not pay for the "started"
 * line they will not see. In a JVM of its own, since the context is built once per JVM.
 */
class AgentLogQuietTest {

    /** The child JVM's main: writes what the level leaves out, then one line it keeps if asked to. */
    public static final class QuietStart {
        public static void main(String[] args) {
            AgentLog.configure(args[0], null);
            AgentLog.info("vigil started");
            AgentLog.debug("details");
            if (args.length > 1) {
                AgentLog.warn(args[1]);
            }
            System.out.flush();
        }
    }

    @Test
    void linesBelowTheLevelDoNotBuildTheLogAndALineAtItDoes() throws Exception {
        assertThat(classesLoaded("warn")).as("with vigil.log.level=warn, after an info and a debug line")
                .noneMatch(line -> line.contains("ch.qos.logback.classic.LoggerContext"));
        assertThat(classesLoaded("error")).noneMatch(line -> line.contains("ch.qos.logback.classic.LoggerContext"));
        assertThat(classesLoaded("warn", "a warning")).as("a warning is written")
                .anyMatch(line -> line.contains("ch.qos.logback.classic.LoggerContext"));
    }

    private static List<String> classesLoaded(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xshare:auto", "-verbose:class", "-cp",
                System.getProperty("java.class.path"), QuietStart.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            output = bytes.toString(StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
