package dev.vigil.agent.events;

import static dev.vigil.agent.core.yaml.YamlDocument.isNull;
import static dev.vigil.agent.core.yaml.YamlDocument.line;
import static dev.vigil.agent.core.yaml.YamlDocument.scalar;

import dev.vigil.agent.core.config.ConfigProblem;
import dev.vigil.agent.core.metrics.HttpMethods;
import dev.vigil.agent.core.metrics.MetricNames;
import dev.vigil.agent.core.yaml.DidYouMean;
import dev.vigil.agent.core.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code events:} section of {@code vigil.yaml}:
 * <pre>
 * events:
 *   checkout.completed: { http: "POST /checkout", status: 2xx }
 *   order.placed:       { method: "com.shop.OrderService#placeOrder" }
 *   signup.completed:   { log: { logger: "com.shop.Signup", message: "User * signed up" } }
 * </pre>
 * A wrong event is reported with its file and line and left out; the others work. Whether the file can
 * be read at all is reported by the settings' reader, which composed the document these sections come from.
 */
public final class EventsFile {
    private static final Pattern EVENT_NAME = MetricNames.EVENT_NAME;
    /** A Java class or logger name, dotted: also what an extension may name in {@code instrument}. */
    public static final Pattern JAVA_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern STATUS_CLASS = Pattern.compile("[1-5]xx");
    private static final Set<String> KINDS = Set.of("http", "method", "log");
    private static final Set<String> HTTP_KEYS = Set.of("http", "status");
    private static final Set<String> LOG_KEYS = Set.of("logger", "message");

    private final String file;
    private final List<ConfigProblem> problems;

    private EventsFile(String file, List<ConfigProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The {@code events:} section of {@code document} (none when it is null). */
    public static List<EventRule> read(YamlDocument document, List<ConfigProblem> problems) {
        if (document == null) {
            return List.of();
        }
        Node events = document.section("events");
        if (events == null || isNull(events)) {
            return List.of();
        }
        EventsFile reader = new EventsFile(document.name(), problems);
        if (!(events instanceof MappingNode mapping)) {
            reader.error(events, "events: expected a mapping of event names to their source, such as"
                    + " 'checkout.completed: { http: \"POST /checkout\", status: 2xx }'");
            return List.of();
        }
        List<EventRule> rules = new ArrayList<>();
        for (NodeTuple entry : mapping.getValue()) {
            EventRule rule = reader.event(entry);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private EventRule event(NodeTuple entry) {
        if (!(entry.getKeyNode() instanceof ScalarNode nameNode) || !EVENT_NAME.matcher(nameNode.getValue()).matches()) {
            error(entry.getKeyNode(), "expected an event name of letters, digits and . _ - : (at most 100),"
                    + " such as checkout.completed");
            return null;
        }
        String event = nameNode.getValue();
        if (!(entry.getValueNode() instanceof MappingNode body)) {
            error(entry.getValueNode(), "event " + event + ": expected one of { http: \"POST /checkout\", status: 2xx },"
                    + " { method: \"com.shop.OrderService#placeOrder\" } or"
                    + " { log: { logger: \"com.shop.Signup\", message: \"User * signed up\" } }");
            return null;
        }
        Map<String, NodeTuple> keys = keys(body, event);
        if (keys == null) {
            return null;
        }
        List<String> kinds = keys.keySet().stream().filter(KINDS::contains).toList();
        if (kinds.size() != 1) {
            String unknown = keys.keySet().stream().filter(k -> !KINDS.contains(k) && !HTTP_KEYS.contains(k))
                    .findFirst().map(k -> " (unknown key '" + k + "'" + DidYouMean.suffix(k, KINDS) + ")").orElse("");
            error(body, "event " + event + ": expected exactly one of http, method or log, found "
                    + (kinds.isEmpty() ? "none" + unknown : String.join(" and ", kinds)));
            return null;
        }
        String kind = kinds.get(0);
        Set<String> allowed = kind.equals("http") ? HTTP_KEYS : Set.of(kind);
        for (Map.Entry<String, NodeTuple> key : keys.entrySet()) {
            if (!allowed.contains(key.getKey())) {
                error(key.getValue().getKeyNode(), "event " + event + ": unknown key '" + key.getKey() + "' for a "
                        + kind + " event" + DidYouMean.suffix(key.getKey(), allowed) + "; expected " + String.join(", ", allowed));
                return null;
            }
        }
        String where = where(nameNode);
        return switch (kind) {
            case "http" -> http(event, keys.get("http").getValueNode(),
                    keys.containsKey("status") ? keys.get("status").getValueNode() : null, where);
            case "method" -> method(event, keys.get("method").getValueNode(), where);
            default -> log(event, keys.get("log").getValueNode(), where);
        };
    }

    private EventRule http(String event, Node value, Node statusNode, String where) {
        String text = scalar(value);
        String[] parts = text == null ? new String[0] : text.strip().split("\\s+");
        String method = null;
        String route;
        if (parts.length == 2 && HttpMethods.KNOWN.contains(parts[0].toUpperCase(Locale.ROOT))) {
            method = parts[0].toUpperCase(Locale.ROOT);
            route = parts[1];
        } else if (parts.length == 1) {
            route = parts[0];
        } else {
            route = null;
        }
        if (route == null || !route.startsWith("/")) {
            error(value, "event " + event + ": http: expected \"METHOD /route\" or \"/route\", such as \"POST /checkout\""
                    + " or \"GET /orders/{id}\" (the route as in the http_route label), got " + quoted(text));
            return null;
        }
        List<EventRule.StatusRange> statuses = new ArrayList<>();
        if (statusNode != null && !isNull(statusNode)) {
            List<Node> items = statusNode instanceof SequenceNode list ? list.getValue() : List.of(statusNode);
            for (Node item : items) {
                EventRule.StatusRange range = status(scalar(item));
                if (range == null) {
                    error(item, "event " + event + ": status: expected a status class such as 2xx or 5xx, a code"
                            + " such as 201, or a list of them, got " + quoted(scalar(item)));
                    return null;
                }
                statuses.add(range);
            }
        }
        return new EventRule.Http(event, method, route, List.copyOf(statuses), where);
    }

    private static EventRule.StatusRange status(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (STATUS_CLASS.matcher(s).matches()) {
            int base = (s.charAt(0) - '0') * 100;
            return new EventRule.StatusRange(base, base + 99);
        }
        try {
            int code = Integer.parseInt(s);
            return code >= 100 && code <= 599 ? new EventRule.StatusRange(code, code) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private EventRule method(String event, Node value, String where) {
        String text = scalar(value);
        int hash = text == null ? -1 : text.indexOf('#');
        String className = hash < 0 ? null : text.substring(0, hash).strip();
        String methodName = hash < 0 ? null : text.substring(hash + 1).strip();
        if (className == null || !JAVA_NAME.matcher(className).matches()
                || !JAVA_NAME.matcher(methodName).matches() || methodName.contains(".")) {
            error(value, "event " + event + ": method: expected \"fully.qualified.Class#method\", such as"
                    + " \"com.shop.OrderService#placeOrder\", got " + quoted(text));
            return null;
        }
        return new EventRule.Method(event, className, methodName, where);
    }

    private EventRule log(String event, Node value, String where) {
        if (!(value instanceof MappingNode body)) {
            error(value, "event " + event + ": log: expected { logger: \"com.shop.Signup\", message: \"User * signed up\" }");
            return null;
        }
        Map<String, NodeTuple> keys = keys(body, event);
        if (keys == null) {
            return null;
        }
        for (Map.Entry<String, NodeTuple> key : keys.entrySet()) {
            if (!LOG_KEYS.contains(key.getKey())) {
                error(key.getValue().getKeyNode(), "event " + event + ": log: unknown key '" + key.getKey() + "'"
                        + DidYouMean.suffix(key.getKey(), LOG_KEYS) + "; expected logger and message");
                return null;
            }
        }
        String logger = keys.containsKey("logger") ? scalar(keys.get("logger").getValueNode()) : null;
        if (logger == null || !JAVA_NAME.matcher(logger.strip()).matches()) {
            error(keys.containsKey("logger") ? keys.get("logger").getValueNode() : body, "event " + event
                    + ": log: logger: expected a logger name such as \"com.shop.Signup\", got " + quoted(logger));
            return null;
        }
        Glob message = Glob.of("*");
        if (keys.containsKey("message")) {
            String pattern = scalar(keys.get("message").getValueNode());
            if (pattern == null || pattern.isEmpty()) {
                error(keys.get("message").getValueNode(), "event " + event + ": log: message: expected the message"
                        + " with * for the parts that vary, such as \"User * signed up\"");
                return null;
            }
            message = Glob.of(pattern);
        }
        return new EventRule.Log(event, logger.strip(), message, where);
    }

    /** The mapping's keys in order, or null (and a problem) if one is not plain text or is repeated. */
    private Map<String, NodeTuple> keys(MappingNode body, String event) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : body.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (key == null || keys.put(key, tuple) != null) {
                error(tuple.getKeyNode(), "event " + event + ": " + (key == null ? "a key must be plain text" : "'" + key + "' is set twice"));
                return null;
            }
        }
        return keys;
    }

    private void error(Node node, String message) {
        problems.add(ConfigProblem.error(file + " line " + line(node) + ": " + message + "; this event is ignored, the others work"));
    }

    private String where(Node node) {
        return file + " line " + line(node);
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "\"" + text + "\"";
    }
}
