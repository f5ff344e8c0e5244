package dev.vigil.it.apps.dropwizard;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code java -Ddw.server.applicationConnectors[0].port=PORT ... -jar dropwizard-app.jar server}: JAX-RS resources
 * in a Dropwizard application (Jersey served by Jetty, under Dropwizard's default root path).
 */
public final class DropwizardApp extends Application<Configuration> {

    @Path("/orders")
    public static class Orders {
        @GET
        @Path("{orderId}")
        public String order(@PathParam("orderId") String orderId) {
            return "order";
        }

        @POST
        public Response create() {
            return Response.status(201).build();
        }

        @GET
        @Path("fail")
        public String fail() {
            throw new IllegalStateException("deliberate");
        }
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(new Orders());
    }

    public static void main(String[] args) throws Exception {
        new DropwizardApp().run(args);
    }
}
