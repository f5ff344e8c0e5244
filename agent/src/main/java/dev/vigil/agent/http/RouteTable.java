package dev.vigil.agent.http;

import dev.vigil.agent.core.metrics.LabelLimiter;
import dev.vigil.agent.core.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Decides the {@code http_route} of a request. A framework's template is the route (bounded by the
 * application's code; capped apart from everything else, so no flood of paths can crowd it out). A path
 * no framework routed is matched against the templates the user declared, and otherwise normalised
 * ({@link RouteNormalizer}); that normalised path becomes a route of its own only once it has answered
 * 2xx or 3xx. Until then its answers share a fixed value: {@link #NOT_FOUND} for 404, {@link #UNKNOWN} for
 * any other status. A scanner, whatever it is answered (404, 401 behind a login, 403, 500), creates no route.
 */
final class RouteTable {
    /** A 404 on a path that never answered: scanners and typos. */
    static final String NOT_FOUND = "NOT_FOUND";
    /** Any other answer (401, 403, 400, 500...) on a path that never answered 2xx or 3xx. */
    static final String UNKNOWN = "UNKNOWN";
    /** Slots of {@link #resolved} (a power of two), and the longest raw path held there. */
    static final int RESOLVED_SLOTS = 256;
    static final int RESOLVED_MAX_LENGTH = 200;

    private final LabelLimiter templates;
    /** Normalised paths that have answered 2xx or 3xx: real routes of the application, up to the cap. */
    private final LabelLimiter paths;
    private final List<String[]> declared = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * Raw paths already resolved to a declared template or an admitted route, by their hash: a path seen
     * again (the same id, the same page) is then neither matched nor normalised into a new string. A slot
     * holds one immutable pair; a path of another hash overwrites it. Bounded in slots and in path length;
     * a path with a query string is never held.
     */
    private final Resolved[] resolved = new Resolved[RESOLVED_SLOTS];

    RouteTable(MeterRegistry registry, String metric, int maxTemplates, int maxPaths, List<String> declared) {
        this.templates = LabelLimiter.of(registry, metric, MetricNames.HTTP_ROUTE, maxTemplates);
        this.paths = LabelLimiter.of(registry, metric, MetricNames.HTTP_ROUTE, maxPaths);
        declared.forEach(this::declare);
    }

    /** Adds a template for paths no framework routes: {@code /orders/{id}}, {@code {name}} matching one segment. */
    void declare(String template) {
        this.declared.add(segments(template));
        // A path resolved before may match the new template: it is resolved afresh.
        java.util.Arrays.fill(resolved, null);
    }

    /** The route of a request with framework template {@code template} (or null), path and status. */
    String route(String template, String rawPath, int status) {
        if (template != null) {
            return templates.limit(template);
        }
        int slot = slotOf(rawPath);
        if (slot >= 0) {
            Resolved seen = resolved[slot];
            if (seen != null && seen.rawPath.equals(rawPath)) {
                return seen.route;
            }
        }
        String declaredTemplate = declared(rawPath);
        if (declaredTemplate != null) {
            return remember(slot, rawPath, declaredTemplate); // bounded by the configuration
        }
        String path = RouteNormalizer.normalize(rawPath);
        String known = paths.accepted(path);
        if (known != null) {
            // Admitted routes stay admitted: whatever the status, this path's route is this one from now on.
            return remember(slot, rawPath, known);
        }
        if (status < 200 || status >= 400) {
            return status == 404 ? NOT_FOUND : UNKNOWN;
        }
        // Only paths that answered 2xx or 3xx are admitted, up to the cap; past it they are _OTHER.
        return paths.limit(path);
    }

    /** {@code rawPath}'s slot in {@link #resolved}, or -1 if it is not to be held there. */
    private static int slotOf(String rawPath) {
        if (rawPath == null || rawPath.length() > RESOLVED_MAX_LENGTH || rawPath.indexOf('?') >= 0) {
            return -1;
        }
        return rawPath.hashCode() & (RESOLVED_SLOTS - 1);
    }

    private String remember(int slot, String rawPath, String route) {
        if (slot >= 0) {
            resolved[slot] = new Resolved(rawPath, route);
        }
        return route;
    }

    private record Resolved(String rawPath, String route) {
    }

    /** The raw paths held resolved (test). */
    List<String> resolvedPaths() {
        return java.util.Arrays.stream(resolved).filter(java.util.Objects::nonNull).map(Resolved::rawPath).toList();
    }

    /** The declared template {@code rawPath} matches, or null. */
    private String declared(String rawPath) {
        if (declared.isEmpty() || rawPath == null) {
            return null;
        }
        String[] path = segments(cutQuery(rawPath));
        for (String[] template : declared) {
            if (matches(template, path)) {
                return "/" + String.join("/", template);
            }
        }
        return null;
    }

    /** Same number of segments; a literal segment equal, a {@code {name}} segment anything. */
    private static boolean matches(String[] template, String[] path) {
        if (template.length != path.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            String segment = template[i];
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if (!variable && !segment.equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    private static String cutQuery(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#' || c == ';') {
                return path.substring(0, i);
            }
        }
        return path;
    }

    private static String[] segments(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    /** Whether {@code route} is a fixed value rather than a route the application has. */
    static boolean isFixed(String route) {
        return NOT_FOUND.equals(route) || UNKNOWN.equals(route) || MetricNames.OTHER.equals(route);
    }
}
