package dev.vigil.it.apps.quarkus;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Implements {@link OrdersApi}; no JAX-RS annotation of its own. Logs one line per order and status asked for. */
public class OrdersResource implements OrdersApi {
    private static final Logger LOG = Logger.getLogger(OrdersResource.class);
    /** How long {@code later} waits before it answers. */
    static final Duration LATER = Duration.ofMillis(300);

    @Override
    public String order(String orderId) {
        LOG.infof("order %s", orderId);
        return "order";
    }

    @Override
    public String status(String orderId) {
        LOG.infof("status %s", orderId);
        return "open";
    }

    @Override
    public Uni<String> later(String orderId) {
        return Uni.createFrom().item("later").onItem().delayIt().by(LATER);
    }

    @Override
    public Response create(String body) {
        return Response.status(201).build();
    }

    @Override
    public String fail() {
        throw new IllegalStateException("deliberate");
    }

    @Override
    public LinesResource lines(String orderId) {
        return new LinesResource();
    }
}
