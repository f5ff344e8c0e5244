package dev.vigil.it.apps.clashing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar clashing-app.jar PORT}: an application with its own Micrometer, Logback, SLF4J,
 * Byte Buddy and Jackson, all different from the agent's, used for real on every request.
 *
 * <ul>
 *   <li>{@code GET /versions}: one line per library, {@code <artifact> <manifest version> <jar it was loaded
 *       from>}, then Jackson's own idea of its version and the class SLF4J bound to</li>
 *   <li>{@code GET /work/{id}}: counts with Micrometer, logs through SLF4J/Logback, generates a class with
 *       Byte Buddy and answers 200 with JSON written by Jackson</li>
 * </ul>
 */
public final class ClashingApp {

    private static final Logger log = LoggerFactory.getLogger(ClashingApp.class);

    /** The library classes whose origin /versions reports, by artifact. */
    private static final Map<String, Class<?>> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("micrometer-core", Counter.class);
        LIBRARIES.put("logback-classic", ch.qos.logback.classic.Logger.class);
        LIBRARIES.put("logback-core", ch.qos.logback.core.Context.class);
        LIBRARIES.put("slf4j-api", Logger.class);
        LIBRARIES.put("byte-buddy", ByteBuddy.class);
        LIBRARIES.put("jackson-databind", ObjectMapper.class);
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Counter work = Counter.builder("clashing.work").description("work done").register(registry);
    private final ObjectMapper json = new ObjectMapper();

    private ClashingApp() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        ClashingApp app = new ClashingApp();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        server.setExecutor(pool);
        server.createContext("/versions", exchange -> app.respond(exchange, 200, "text/plain", app.versions()));
        server.createContext("/work/", app::work);
        server.start();
        log.info("clashing-app listening on 127.0.0.1:{}", port);
    }

    private String versions() {
        StringBuilder out = new StringBuilder();
        LIBRARIES.forEach((artifact, type) -> out.append(artifact).append(' ')
                .append(type.getPackage().getImplementationVersion()).append(' ')
                .append(type.getProtectionDomain().getCodeSource().getLocation()).append('\n'));
        // What the libraries say about themselves at run time, beyond which jar they came from.
        out.append("jackson-databind-runtime ")
                .append(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION).append(" -\n");
        Class<?> slf4jBinding = LoggerFactory.getILoggerFactory().getClass();
        out.append("slf4j-binding ").append(slf4jBinding.getName()).append(' ')
                .append(slf4jBinding.getProtectionDomain().getCodeSource().getLocation()).append('\n');
        return out.toString();
    }

    private void work(HttpExchange exchange) throws IOException {
        try {
            String id = exchange.getRequestURI().getPath().substring("/work/".length());
            work.increment();
            Object generated = new ByteBuddy(ClassFileVersion.JAVA_V11)
                    .subclass(Object.class)
                    .method(ElementMatchers.named("toString"))
                    .intercept(FixedValue.value("generated for " + id))
                    .make()
                    .load(ClashingApp.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER)
                    .getLoaded()
                    .getDeclaredConstructor()
                    .newInstance();
            log.info("work {} done, {} so far", id, (long) work.count());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("count", work.count());
            body.put("generated", generated.toString());
            body.put("libraries", List.copyOf(LIBRARIES.keySet()));
            respond(exchange, 200, "application/json", json.writeValueAsString(body));
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.error("work failed", e);
            respond(exchange, 500, "text/plain", e.toString());
        }
    }

    private void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
