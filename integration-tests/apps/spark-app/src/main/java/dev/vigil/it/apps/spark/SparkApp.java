package dev.vigil.it.apps.spark;

import static spark.Spark.awaitInitialization;
import static spark.Spark.before;
import static spark.Spark.exception;
import static spark.Spark.get;
import static spark.Spark.port;
import static spark.Spark.post;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Spark Java 2 on its embedded Jetty: {@code java -jar spark-app.jar PORT}. Prints {@code spark-app listening}. */
public final class SparkApp {
    private static final Logger LOG = LoggerFactory.getLogger(SparkApp.class);

    private SparkApp() {
    }

    public static void main(String[] args) {
        port(Integer.parseInt(args[0]));
        before("/orders/*", (req, res) -> res.header("X-Seen", "yes"));
        get("/orders/:id", (req, res) -> "order " + req.params(":id"));
        post("/orders", (req, res) -> {
            res.status(201);
            return "created";
        });
        get("/orders/:id/invalid", (req, res) -> {
            res.status(400);
            return "invalid";
        });
        get("/fail", (req, res) -> {
            throw new IllegalStateException("the handler failed");
        });
        get("/missing/:name", (req, res) -> {
            throw new IllegalArgumentException("no such thing");
        });
        exception(IllegalArgumentException.class, (e, req, res) -> {
            res.status(404);
            res.body("missing");
        });
        get("/traced", (req, res) -> {
            LOG.info("traced request answered");
            return "traced";
        });
        awaitInitialization();
        System.out.println("spark-app listening");
    }
}
