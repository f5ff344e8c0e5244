package dev.vigil.agent.http.vertx;

/**
 * The route of a Vert.x Web request, from the routes it matched, in order ({@code HttpServerRequest#routed}):
 * the last one, the handler's, is the most specific. A sub-router's routes are relative to where it is mounted
 * ({@code router.route("/api/*").subRouter(orders)} then {@code /orders/:id}); the request's path tells them
 * apart, and the mount is put in front ({@code /api/orders/:id}). Routes stay as the application declared them
 * ({@code :id}, not {@code {id}}), so the label is what the code says.
 */
final class MatchedRoute {
    private final String rawPath;
    private volatile String route;
    /** The mount of the sub-router the request entered, without its trailing slash; null before one. */
    private String mount;

    MatchedRoute(String rawPath) {
        this.rawPath = rawPath == null ? "" : rawPath;
    }

    void matched(String name) {
        if (name == null || name.isEmpty()) {
            return; // a route without a path: middleware such as a body handler
        }
        if (name.equals("/") && !rawPath.equals("/")) {
            return; // a catch-all ("/*"): Quarkus hands every request to its REST layer this way
        }
        String previous = route;
        if (mount == null && previous != null && previous.endsWith("/") && relative(name)) {
            mount = previous.substring(0, previous.length() - 1);
        }
        route = mount == null ? name : mount + (name.startsWith("/") ? name : "/" + name);
    }

    /**
     * The route, or null when the request matched none (plain Vert.x core, or a 404). A prefix route
     * ({@code /static/*}) that answered 404 did not know the path either: the path is then no route.
     */
    String route(int status) {
        String matched = route;
        if (matched != null && status == 404 && matched.endsWith("/") && !matched.equals(rawPath)) {
            return null;
        }
        return matched;
    }

    /** A declared path the request's path does not start with can only be a sub-router's, relative to its mount. */
    private boolean relative(String name) {
        int literal = name.length();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c == '*') {
                literal = i;
                break;
            }
            if (c == '\\' || c == '(' || c == '[' || c == '^' || c == '.') {
                return false; // a regular expression, matched against the whole path
            }
        }
        return !rawPath.startsWith(name.substring(0, literal));
    }
}
