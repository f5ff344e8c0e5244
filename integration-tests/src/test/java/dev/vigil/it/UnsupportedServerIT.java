package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.it.support.AppProcess;
import dev.vigil.it.support.Http;

/**
 * An application whose HTTP server the agent does not know (a hand-written responder on a plain
 * {@code ServerSocket}): it answers, and the agent says once in its log that no HTTP server
 * instrumentation matched, and which servers are supported, instead of leaving the user with an empty
 * {@code http_server_request_duration_seconds} and no word why.
 */
class UnsupportedServerIT {
    private static final String MESSAGE = "no HTTP server instrumentation matched; supported: ";

    @Test
    void aServerTheAgentDoesNotKnowIsNamedOnceInItsLog() throws Exception {
        int appPort = AppProcess.freePort();
        int metricsPort = AppProcess.freePort();
        try (AppProcess app = AppProcess.mainClass(RawHttpApp.class.getName(), List.of(testClasses()))
                .withAgent()
                .sysProp("vigil.metrics.port", metricsPort)
                .arg(String.valueOf(appPort))
                .start()) {
            app.awaitHttp(appPort, "/hello", Duration.ofSeconds(60));
            for (int i = 0; i < 3; i++) {
                assertThat(Http.get(appPort, "/hello").status()).isEqualTo(200);
            }
            // Scrapes of the agent's own endpoint are no sign of anything (it starts after main: wait for it).
            app.awaitHttp(metricsPort, "/metrics", Duration.ofSeconds(60));
            assertThat(Http.get(metricsPort, "/metrics").body()).doesNotContain("http_server_request_duration_seconds_count");

            app.awaitOutput(MESSAGE, Duration.ofSeconds(60));
            for (int i = 0; i < 3; i++) {
                assertThat(Http.get(appPort, "/hello").status()).isEqualTo(200);
            }

            List<String> lines = app.stderr().lines().filter(line -> line.contains(MESSAGE)).toList();
            assertThat(lines).as("the agent's log%s", app.logTail()).hasSize(1);
            assertThat(lines.get(0)).contains("\"level\":\"WARN\"", "Spring WebFlux on Reactor Netty", "Micronaut",
                    "Servlet containers", "the JDK HttpServer");
        }
    }

    private static Path testClasses() throws Exception {
        return Path.of(UnsupportedServerIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** {@code java RawHttpApp PORT}: answers every request {@code 200 hello}, one connection per request. */
    public static final class RawHttpApp {
        public static void main(String[] args) throws IOException {
            try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getLoopbackAddress())) {
                while (true) {
                    try (Socket socket = server.accept()) {
                        BufferedReader in = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the request line and headers: read and ignored
                        }
                        OutputStream out = socket.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // a client that went away: serve the next one
                    }
                }
            }
        }
    }
}
