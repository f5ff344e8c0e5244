package dev.vigil.agent.core.log;

import java.util.Map;

/**
 * The names of the shaded libraries as their authors wrote them. The build relocates every library under
 * {@code dev.vigil.agent.shaded} and, with the classes, every string constant that starts with a relocated
 * package: a logger name, an instrumentation scope ({@code io.opentelemetry.sdk.trace}). A user who reads
 * such a name in the agent's log should find the library's own documentation with it, not our relocation.
 *
 * <p>The originals are joined at run time on purpose: a literal {@code "io.opentelemetry."} here would be
 * relocated by the same build to the very prefix it is meant to replace. {@code AgentJarTest} checks the
 * built jar.
 */
public final class ShadedNames {
    public static final String PREFIX = "dev.vigil.agent.shaded.";

    /** The relocated sub-package (as in the agent's pom) and the library's own package. */
    private static final Map<String, String> ORIGINALS = Map.of(
            "opentelemetry.", join("io", "opentelemetry."),
            "micrometer.", join("io", "micrometer."),
            "prometheus.", join("io", "prometheus."),
            "bytebuddy.", join("net", "bytebuddy."),
            "slf4j.", join("org", "slf4j."),
            "logback.", join("ch", "qos", "logback."),
            "snakeyaml.", join("org", "yaml", "snakeyaml."),
            "hdrhistogram.", join("org", "HdrHistogram."),
            "jspecify.", join("org", "jspecify."),
            "latencyutils.", join("org", "LatencyUtils."));

    private ShadedNames() {
    }

    /** {@code dev.vigil.agent.shaded.opentelemetry.sdk.trace} → {@code io.opentelemetry.sdk.trace}; other names unchanged. */
    public static String original(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return name;
        }
        String rest = name.substring(PREFIX.length());
        for (Map.Entry<String, String> each : ORIGINALS.entrySet()) {
            if (rest.startsWith(each.getKey())) {
                return each.getValue() + rest.substring(each.getKey().length());
            }
        }
        return name;
    }

    /** Not a constant expression, so the compiler cannot fold it into a literal the build would relocate. */
    private static String join(String... parts) {
        return String.join(".", parts);
    }
}
