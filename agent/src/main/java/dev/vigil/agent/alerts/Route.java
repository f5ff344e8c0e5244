package dev.vigil.agent.alerts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route as users write it, {@code "POST /checkout"}: the {@code http_request_method} and the
 * {@code http_route} template the agent records.
 */
record Route(String method, String template) {
    private static final Pattern FORM = Pattern.compile("([A-Z_]+)\\s+(/[^\\s?#]*)"); // a template, never a query string

    static Optional<Route> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        return m.matches() ? Optional.of(new Route(m.group(1), m.group(2))) : Optional.empty();
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
