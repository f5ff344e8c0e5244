package dev.vigil.it.apps.quarkus;

import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The resource's contract, declared on an interface the way OpenAPI generators write it: every {@code @Path}
 * is here, none on {@link OrdersResource}.
 */
@Path("/orders")
public interface OrdersApi {

    /** Blocking (a plain return type): runs on a worker thread. */
    @GET
    @Path("{orderId}")
    String order(@PathParam("orderId") String orderId);

    /** Runs on the event loop that read the request. */
    @GET
    @Path("{orderId}/status")
    @NonBlocking
    String status(@PathParam("orderId") String orderId);

    /** Answers from a timer, after the method has returned. */
    @GET
    @Path("{orderId}/later")
    Uni<String> later(@PathParam("orderId") String orderId);

    /** Reads a JSON-less text body: the body arrives after the request's head. */
    @POST
    Response create(String body);

    @GET
    @Path("fail")
    String fail();

    /** A sub-resource locator: the lines of one order. */
    @Path("{orderId}/lines")
    LinesResource lines(@PathParam("orderId") String orderId);
}
