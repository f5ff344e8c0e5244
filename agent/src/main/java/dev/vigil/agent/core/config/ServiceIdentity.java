package dev.vigil.agent.core.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The service name and resource attributes, read the way the OpenTelemetry SDK reads them
 * (system property over environment variable) so Vigil and the OpenTelemetry agent agree.
 */
record ServiceIdentity(String serviceName, Map<String, String> resourceAttributes) {

    /** OpenTelemetry's own fallback for a Java process with no configured name. */
    static final String UNKNOWN_SERVICE = "unknown_service:java";

    // A main class, optionally in a module: com.shop.Main or shop/com.shop.Main.
    private static final Pattern MAIN_CLASS = Pattern.compile("([\\w$.]+/)?[\\w$.]+");

    /**
     * @param vigilServiceName the resolved {@code vigil.service.name}, empty if not set
     * @param systemProperties also supplies {@code sun.java.command}, the launcher's record of jar or main class
     */
    static ServiceIdentity resolve(String vigilServiceName, Map<String, String> systemProperties,
            Map<String, String> environment, List<ConfigProblem> problems) {
        String attributesText = systemProperties.get("otel.resource.attributes");
        String attributesWhere = "system property -Dotel.resource.attributes";
        if (isBlank(attributesText)) {
            attributesText = environment.get("OTEL_RESOURCE_ATTRIBUTES");
            attributesWhere = "environment OTEL_RESOURCE_ATTRIBUTES";
        }
        Map<String, String> attributes = parseAttributes(attributesText, attributesWhere, problems);
        String name = firstNonBlank(vigilServiceName,
                systemProperties.get("otel.service.name"),
                environment.get("OTEL_SERVICE_NAME"),
                attributes.get("service.name"),
                fromJavaCommand(systemProperties.get("sun.java.command")),
                UNKNOWN_SERVICE);
        attributes.put("service.name", name);
        return new ServiceIdentity(name, Collections.unmodifiableMap(attributes));
    }

    /** {@code key1=value1,key2=value2} with percent-encoded values, as the OpenTelemetry spec defines it. */
    static Map<String, String> parseAttributes(String text, String where, List<ConfigProblem> problems) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (isBlank(text)) {
            return attributes;
        }
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                // Not echoed: resource attributes sometimes carry tokens.
                problems.add(ConfigProblem.warn("resource attribute " + (i + 1) + " in " + where
                        + " is ignored: expected key=value"));
                continue;
            }
            attributes.put(entry.substring(0, eq).strip(), percentDecode(entry.substring(eq + 1).strip()));
        }
        return attributes;
    }

    /** Decodes %XX as UTF-8 bytes; unlike URLDecoder it keeps '+' (the spec's encoding is not form encoding). */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The jar's base name ({@code java -jar /opt/shop-1.2.jar} gives {@code shop-1.2}) or the main class's
     * simple name ({@code com.shop.Main} gives {@code Main}); null if neither can be told.
     */
    static String fromJavaCommand(String command) {
        if (isBlank(command)) {
            return null;
        }
        String first = command.strip().split(" ", 2)[0];
        String jarPath = null;
        if (first.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            jarPath = first;
        } else if (MAIN_CLASS.matcher(first).matches()) {
            String className = first.substring(first.lastIndexOf('/') + 1);
            return emptyToNull(className.substring(className.lastIndexOf('.') + 1));
        } else {
            // A jar path with spaces: the launcher joins path and arguments with spaces, so find "name.jar ".
            String lower = command.toLowerCase(Locale.ROOT);
            for (int i = lower.indexOf(".jar"); i >= 0; i = lower.indexOf(".jar", i + 1)) {
                if (i + 4 == command.length() || command.charAt(i + 4) == ' ') {
                    jarPath = command.substring(0, i + 4);
                    break;
                }
            }
        }
        if (jarPath == null) {
            return null;
        }
        String fileName = jarPath.substring(Math.max(jarPath.lastIndexOf('/'), jarPath.lastIndexOf('\\')) + 1);
        return emptyToNull(fileName.substring(0, fileName.length() - ".jar".length()));
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (!isBlank(candidate)) {
                return candidate.strip();
            }
        }
        throw new IllegalStateException("the last candidate is a constant");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
