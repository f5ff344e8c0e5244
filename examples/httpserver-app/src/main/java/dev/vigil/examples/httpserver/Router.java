package dev.vigil.examples.httpserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dispatches on method and path template ({@code /items/{id}}), the way any hand-written
 * {@code HttpHandler} does. Unknown paths answer 404, a known path with another method 405.
 * A {@link SQLException} becomes a 500 that names no SQL; any other exception escapes to the
 * server on purpose (the JDK server then drops the connection; Vigil counts it as a 500).
 */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);


    interface Handler {
        Response handle(Request request) throws SQLException;
    }

    private record Route(String method, String template, Pattern pattern, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    Router post(String template, Handler handler) {
        return add("POST", template, handler);
    }

    private Router add(String method, String template, Handler handler) {
        Pattern pattern = Pattern.compile(template.replaceAll("\\{[^/]+}", "([^/]+)"));
        routes.add(new Route(method, template, pattern, handler));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        send(exchange, dispatch(exchange));
    }

    private Response dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(path);
            if (!matcher.matches()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(exchange.getRequestMethod())) {
                return call(route, new Request(exchange, matcher.groupCount() > 0 ? matcher.group(1) : null));
            }
        }
        return pathKnown ? new Response(405, "{\"error\":\"method not allowed\"}") : Response.notFound();
    }

    private static Response call(Route route, Request request) throws IOException {
        try {
            return route.handler().handle(request);
        } catch (Request.BadRequest e) {
            return new Response(400, "{\"error\":" + Json.string(e.getMessage()) + "}");
        } catch (SQLException e) {
            // The message may quote the statement or a value: log the class and SQLState only.
            LOG.warn("{} {}: database error {} (SQLState {})",
                    route.method(), route.template(), e.getClass().getName(), e.getSQLState());
            return new Response(500, "{\"error\":\"database error\"}");
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body = response.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
