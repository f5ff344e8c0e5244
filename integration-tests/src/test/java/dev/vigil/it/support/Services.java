package dev.vigil.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases some tests need on 127.0.0.1. On a developer's machine a missing database skips the
 * test; with {@code VIGIL_REQUIRE_SERVICES=1} (CI, where .ci/ starts them) it fails it instead, so a
 * broken service setup cannot turn into a green build that tested nothing.
 */
public final class Services {

    public static final int POSTGRES_PORT = 5432;
    public static final int MARIADB_PORT = 3306;

    private Services() {
    }

    /** Skips (or, when required, fails) the calling test unless PostgreSQL listens on 127.0.0.1:5432. */
    public static int requirePostgres() {
        return require("PostgreSQL", POSTGRES_PORT);
    }

    /** Skips (or, when required, fails) the calling test unless MariaDB listens on 127.0.0.1:3306. */
    public static int requireMariaDb() {
        return require("MariaDB", MARIADB_PORT);
    }

    public static boolean servicesRequired() {
        return "1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"));
    }

    private static int require(String what, int port) {
        if (listening(port)) {
            return port;
        }
        if (servicesRequired()) {
            Assertions.fail(what + " is not running on 127.0.0.1:" + port
                    + ", and VIGIL_REQUIRE_SERVICES=1 says it must be: start it (see .ci/) or unset the variable to skip");
        }
        Assumptions.abort(what + " is not running on 127.0.0.1:" + port
                + " — skipping (set VIGIL_REQUIRE_SERVICES=1 to make this a failure)");
        throw new AssertionError("unreachable");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
