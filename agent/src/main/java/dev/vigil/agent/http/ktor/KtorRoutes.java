package dev.vigil.agent.http.ktor;

/**
 * The route template of a Ktor routing node, from what {@code RoutingNode#toString} (Ktor 2: {@code Route}) prints:
 * the path of every selector from the root, joined by slashes ({@code /api/items/{itemId}/(method:GET)}). Path
 * selectors print as the route declares them (a constant, {@code {id}}, {@code {id?}}, {@code *}, {@code {...}}, a
 * regex route's {@code Regex(...)}); every other selector (the method, a header or {@code Accept} condition, an
 * {@code authenticate} block, a host or port, a query parameter) prints in parentheses or brackets and is no part
 * of the path, and {@code <slash>} is a trailing slash.
 */
final class KtorRoutes {
    private KtorRoutes() {
    }

    static String template(String rendered) {
        if (rendered == null || rendered.isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder(rendered.length());
        boolean trailingSlash = false;
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= rendered.length(); i++) {
            char c = i < rendered.length() ? rendered.charAt(i) : '/';
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == '/' && (depth == 0 || i == rendered.length())) {
                String segment = rendered.substring(start, i);
                start = i + 1;
                depth = 0;
                if (segment.isEmpty() || isCondition(segment)) {
                    continue;
                }
                if (segment.equals("<slash>")) {
                    trailingSlash = true;
                    continue;
                }
                path.append('/').append(segment);
                trailingSlash = false;
            }
        }
        if (path.length() == 0 || trailingSlash) {
            path.append('/');
        }
        return path.toString();
    }

    /** A selector that is no path segment: {@code (method:GET)}, {@code (authenticate jwt)}, {@code [page]}. */
    private static boolean isCondition(String segment) {
        char first = segment.charAt(0);
        return first == '(' || first == '[';
    }
}
