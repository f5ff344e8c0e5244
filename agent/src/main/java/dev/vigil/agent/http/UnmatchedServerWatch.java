package dev.vigil.agent.http;

import dev.vigil.agent.core.AgentThread;
import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.http.bridge.ConnectionHooks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.NetworkChannel;
import java.util.function.BooleanSupplier;

/**
 * Says once, in the agent's log, when the application serves but none of its requests reaches an HTTP
 * server instrumentation: a server the agent does not support would otherwise leave
 * {@code http_server_request_duration_seconds} empty without a word. The sign that the application
 * serves is its first accepted connection (not the agent's own endpoint's); the check is whether any request
 * started within {@link #GRACE_SECONDS} after it.
 */
final class UnmatchedServerWatch extends ConnectionHooks {
    static final String MESSAGE = "no HTTP server instrumentation matched; supported: Servlet containers (Tomcat,"
            + " Jetty, Undertow; javax and jakarta; Javalin and Spark routes), the JDK HttpServer, Vert.x (HTTP/1.x; Vert.x Web"
            + " and Quarkus routes), Spring WebFlux on Reactor Netty, Micronaut on Netty, Helidon SE 4, Ktor 2 and 3, Jooby 3, with JAX-RS"
            + " routes (Jersey, Dropwizard, Quarkus REST)";
    /** Long enough for a first request to follow the connection that brings it, even on a busy machine. */
    static final int GRACE_SECONDS = 10;

    private final BooleanSupplier anyRequest;
    private final int graceMillis;
    private final int agentPort;

    /** {@code agentPort}: the agent's own endpoint, whose scrapes are no sign of the application serving. */
    UnmatchedServerWatch(BooleanSupplier anyRequest, int graceMillis, int agentPort) {
        this.anyRequest = anyRequest;
        this.graceMillis = graceMillis;
        this.agentPort = agentPort;
    }

    @Override
    public void accepted(Object connection) {
        if (AgentThread.isCurrent() || localPort(connection) == agentPort) {
            return;
        }
        synchronized (this) {
            if (ConnectionHooks.SLOT.get() != this) {
                return;
            }
            ConnectionHooks.SLOT.set(null); // once: later accepts cost nothing
        }
        new AgentThread("vigil-http-watch", this::check).start();
    }

    private static int localPort(Object connection) {
        try {
            if (connection instanceof Socket socket) {
                return socket.getLocalPort();
            }
            if (connection instanceof NetworkChannel channel && channel.getLocalAddress() instanceof InetSocketAddress local) {
                return local.getPort();
            }
        } catch (IOException | RuntimeException e) {
            // unknown: counted as the application's
        }
        return -1;
    }

    /** Waits out the grace period, then warns if no request was seen. */
    void check() {
        try {
            Thread.sleep(graceMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!anyRequest.getAsBoolean()) {
            AgentLog.warn(MESSAGE + ". The application accepted a connection, but no request reached the agent within "
                    + graceMillis / 1000 + " s, so http_server_request_duration_seconds stays empty");
        }
    }
}
