package dev.vigil.agent.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/** What a setting accepts: a parser from text and the phrase that error messages and the README use for it. */
public final class ValueType {
    public static final ValueType BOOLEAN = new ValueType("true or false", Boolean.class, ValueType::parseBoolean);
    public static final ValueType STRING = new ValueType("text", String.class, text -> text);
    public static final ValueType USER_PASSWORD = new ValueType("user:password", String.class,
            text -> text.isEmpty() || text.indexOf(':') > 0 ? text : null);
    public static final ValueType PATH = new ValueType("a file path", String.class, ValueType::parsePath);
    public static final ValueType HOST = new ValueType("a host name or IP address", String.class, ValueType::parseHost);
    /** Comma-separated route templates: "/users/{id}/orders/{orderId}, /files/{name}". */
    public static final ValueType ROUTE_TEMPLATES = new ValueType(
            "comma-separated route templates such as /users/{id}/orders/{orderId}", String.class, ValueType::parseRoutes);
    public static final ValueType PORT = new ValueType("a port number 1-65535", Integer.class, text -> parseInt(text, 1, 65_535));

    // Host names, IPv4, IPv6 with or without brackets and zone (fe80::1%eth0); no DNS lookup at startup.
    private static final Pattern ROUTE_TEMPLATE = Pattern.compile("(/([A-Za-z0-9._~-]+|\\{[A-Za-z_][A-Za-z0-9_]*}))+");
    private static final Pattern HOST_PATTERN = Pattern.compile("[A-Za-z0-9._:%-]{1,253}|\\[[A-Za-z0-9.:%]{2,251}]");

    private final String expected;
    private final Class<?> javaType;
    private final Function<String, Object> parser;

    private ValueType(String expected, Class<?> javaType, Function<String, Object> parser) {
        this.expected = expected;
        this.javaType = javaType;
        this.parser = parser;
    }

    public static ValueType integer(int min, int max) {
        return new ValueType("an integer " + min + "-" + max, Integer.class, text -> parseInt(text, min, max));
    }

    /** Case-insensitive choice, normalised to the lower-case spelling given here. */
    public static ValueType oneOf(String... choices) {
        List<String> allowed = List.of(choices);
        return new ValueType("one of " + String.join(", ", allowed), String.class, text -> {
            String lower = text.toLowerCase(Locale.ROOT);
            return allowed.contains(lower) ? lower : null;
        });
    }

    /** "a port number 1-65535": completes "expected ..." in messages. */
    public String expected() {
        return expected;
    }

    /** Boolean, Integer or String: what the value is once parsed. */
    public Class<?> javaType() {
        return javaType;
    }

    /** The parsed value, or null if the text is not of this type. */
    Object parse(String text) {
        return parser.apply(text);
    }

    private static Object parseBoolean(String text) {
        // Only true/false, in every source: YAML 1.1's yes/no/on/off would mean something else in an env variable.
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Object parsePath(String text) {
        try {
            Path.of(text);
            return text;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Object parseRoutes(String text) {
        List<String> templates = new java.util.ArrayList<>();
        for (String each : text.split(",")) {
            String template = each.strip();
            if (template.isEmpty()) {
                continue;
            }
            if (!ROUTE_TEMPLATE.matcher(template).matches()) {
                return null;
            }
            templates.add(template);
        }
        return String.join(",", templates);
    }

    private static Object parseHost(String text) {
        return HOST_PATTERN.matcher(text).matches() ? text : null;
    }

    private static Object parseInt(String text, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
