package dev.vigil.it.apps.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** Jersey on Jetty 12, mounted at /api/*: {@code java -jar jaxrs-app.jar PORT}. */
public final class JaxRsApp {
    private JaxRsApp() {
    }

    @Path("/orders")
    public static class Orders {
        @GET
        @Path("{orderId}")
        public String order(@PathParam("orderId") String id) {
            return "order " + id.length();
        }

        @GET
        @Path("/{orderId: [0-9]+}/lines/{line}")
        public String line(@PathParam("orderId") String id, @PathParam("line") String line) {
            return "line";
        }

        @POST
        public Response create() {
            return Response.status(201).build();
        }

        @GET
        @Path("fail")
        public String fail() {
            throw new IllegalArgumentException("deliberate");
        }
    }

    /** The contract, declared on an interface the way OpenAPI generators write it. */
    @Path("/customers")
    public interface CustomersApi {
        @GET
        @Path("{customerId}")
        String customer(@PathParam("customerId") String customerId);

        @GET
        @Path("{customerId}/orders/{orderId}")
        String customerOrder(@PathParam("customerId") String customerId, @PathParam("orderId") String orderId);
    }

    /** Implements {@link CustomersApi}; no JAX-RS annotation of its own. */
    public static class Customers implements CustomersApi {
        @Override
        public String customer(String customerId) {
            return "customer";
        }

        @Override
        public String customerOrder(String customerId, String orderId) {
            return "customer order";
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Server server = new Server(port);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder jersey = new ServletHolder(new ServletContainer(new ResourceConfig(Orders.class, Customers.class)));
        context.addServlet(jersey, "/api/*");
        server.setHandler(context);
        server.start();
        System.out.println("READY " + port);
        server.join();
    }
}
