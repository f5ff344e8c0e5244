package dev.vigil.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(Path file) {
        return Main.run(List.of("check", file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aCleanFileIsOkAndCountsItsEvents(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("vigil.yaml"), """
                service.name: shop
                metrics.port: 9464
                events:
                  checkout.completed: { http: "POST /checkout", status: 2xx }
                  order.placed: { method: "com.shop.OrderService#placeOrder" }
                """);

        assertThat(check(file)).isZero();
        assertThat(out.toString()).contains(file + ": OK, 2 business events declared");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everyProblemIsPrintedWithItsLineAndErrorsFailTheCheck(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("vigil.yaml"), """
                metrics.port: ninety
                metrcs.host: 127.0.0.1
                events:
                  order.placed: { method: "com.shop.OrderService.placeOrder" }
                """);

        assertThat(check(file)).isEqualTo(1);
        assertThat(err.toString())
                .contains("error: vigil.metrics.port: expected a port number 1-65535, got 'ninety' (" + file + " line 1)")
                .contains("error: " + file + " line 4: event order.placed: method: expected \"fully.qualified.Class#method\"");
        assertThat(out.toString()).contains("warning: unknown key vigil.metrcs.host (" + file + " line 2)")
                .contains(file + ": 2 errors, 0 business events declared");
    }

    @Test
    void theModulesAreCheckedWithTheEvents(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("vigil.yaml");
        Files.writeString(file, """
                modules:
                  orders:    { packages: com.shop.orders, tables: orders }
                  customers: { packages: com.shop.customers, tables: [customer, orders] }
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = CheckCommand.run(List.of(file.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(file + " line 3: module customers: table orders is already"
                + " owned by module orders");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 error, 0 business events declared, 1 module");
    }

    @Test
    void aMissingFileOrArgumentIsAUsageError(@TempDir Path dir) {
        assertThat(check(dir.resolve("missing.yaml"))).isEqualTo(2);
        assertThat(Main.run(List.of("check"), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString()).contains("usage: java -jar vigil-agent.jar check vigil.yaml");
    }
}
