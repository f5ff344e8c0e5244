package dev.vigil.it.apps.undertow;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Servlets on Undertow under the context path /shop: {@code java -jar undertow-app.jar PORT}. */
public final class UndertowApp {
    /** How long the async servlet waits, on another thread, before it completes the request. */
    static final long LATER_MILLIS = 300;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor();

    private UndertowApp() {
    }

    /** Mapped to the prefix /orders/*: no template, the path is normalised. */
    public static class OrdersServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write("order");
        }
    }

    /** Mapped to exactly /checkout. */
    public static class CheckoutServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            response.setStatus(201);
        }
    }

    public static class FailServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException("deliberate");
        }
    }

    /** Returns at once; another thread completes the request later. */
    public static class LaterServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            TIMER.schedule(() -> {
                try {
                    async.getResponse().getWriter().write("later");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                async.complete();
            }, LATER_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowApp.class.getClassLoader())
                .setContextPath("/shop")
                .setDeploymentName("shop.war")
                .addServlets(
                        Servlets.servlet("orders", OrdersServlet.class).addMapping("/orders/*"),
                        Servlets.servlet("checkout", CheckoutServlet.class).addMapping("/checkout"),
                        Servlets.servlet("fail", FailServlet.class).addMapping("/fail"),
                        Servlets.servlet("later", LaterServlet.class).addMapping("/later").setAsyncSupported(true));
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(Handlers.path().addPrefixPath("/shop", manager.start()))
                .build();
        server.start();
        System.out.println("undertow-app listening on " + port);
    }
}
