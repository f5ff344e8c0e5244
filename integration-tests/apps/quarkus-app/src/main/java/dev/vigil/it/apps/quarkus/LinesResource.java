package dev.vigil.it.apps.quarkus;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Reached through {@link OrdersApi#lines}: no {@code @Path} of its own on the class. */
public class LinesResource {
    @GET
    @Path("{line}")
    public String line(@PathParam("line") String line) {
        return "line";
    }
}
