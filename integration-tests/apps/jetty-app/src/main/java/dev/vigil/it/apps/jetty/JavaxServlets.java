package dev.vigil.it.apps.jetty;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;

/** The servlets on Jetty's ee8 environment (javax.servlet), mirroring {@link JakartaServlets}. */
final class JavaxServlets {

    private JavaxServlets() {
    }

    static ServletContextHandler context(ScheduledExecutorService completer) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new Items()), "/items/*");
        ServletHolder async = new ServletHolder(new Async(completer));
        async.setAsyncSupported(true);
        context.addServlet(async, "/async");
        context.addServlet(new ServletHolder(new Boom()), "/boom");
        context.addServlet(new ServletHolder(new Status()), "/status");
        return context;
    }

    static final class Items extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("item " + req.getPathInfo());
        }
    }

    static final class Async extends HttpServlet {
        private final transient ScheduledExecutorService completer;

        Async(ScheduledExecutorService completer) {
            this.completer = completer;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            completer.schedule(() -> {
                try {
                    HttpServletResponse response = (HttpServletResponse) async.getResponse();
                    response.setStatus(202);
                    response.setContentType("text/plain");
                    response.getWriter().write("accepted");
                } catch (IOException e) {
                    e.printStackTrace();
                } finally {
                    async.complete();
                }
            }, JettyApp.ASYNC_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    static final class Boom extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new BoomException("boom on purpose (javax)");
        }
    }

    static final class Status extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int code = Integer.parseInt(req.getParameter("code"));
            resp.setStatus(code);
            resp.setContentType("text/plain");
            resp.getWriter().write("status " + code);
        }
    }
}
