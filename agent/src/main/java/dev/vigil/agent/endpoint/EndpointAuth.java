package dev.vigil.agent.endpoint;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Optional credentials for the agent's endpoint ({@code /metrics}, the overview page and its JSON):
 * a bearer token ({@code vigil.metrics.token}, Prometheus' {@code authorization: credentials}) and/or
 * basic auth ({@code vigil.metrics.basic-auth} as {@code user:password}, Prometheus' {@code basic_auth}).
 * Either one passes. Comparisons take the same time whatever matches, and no credential is ever logged.
 */
public final class EndpointAuth extends Authenticator {
    static final String REALM = "vigil";

    private final byte[] bearer;
    private final byte[] basic;

    private EndpointAuth(String token, String userColonPassword) {
        this.bearer = token == null || token.isEmpty() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.basic = userColonPassword == null || userColonPassword.isEmpty() ? null
                : ("Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.UTF_8);
    }

    /** The authenticator for these settings, or null when neither is set (the endpoint is open). */
    public static EndpointAuth of(String token, String userColonPassword) {
        EndpointAuth auth = new EndpointAuth(token, userColonPassword);
        return auth.bearer == null && auth.basic == null ? null : auth;
    }

    /** A description for the startup log line: which schemes, never the secrets. */
    public String schemes() {
        return bearer != null && basic != null ? "a bearer token or basic auth" : bearer != null ? "a bearer token" : "basic auth";
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null) {
            byte[] given = header.strip().getBytes(StandardCharsets.UTF_8);
            if (bearer != null && MessageDigest.isEqual(given, bearer)) {
                return new Success(new HttpPrincipal("bearer", REALM));
            }
            if (basic != null && MessageDigest.isEqual(given, basic)) {
                return new Success(new HttpPrincipal("basic", REALM));
            }
        }
        exchange.getResponseHeaders().set("WWW-Authenticate",
                basic != null ? "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"" : "Bearer realm=\"" + REALM + "\"");
        return new Failure(401);
    }
}
