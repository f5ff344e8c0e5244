package dev.vigil.it.apps.hardening;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A second H2 database whose password is written into its JDBC URL, as some configurations do. */
final class Vault {
    private final Connection connection;

    private Vault(Connection connection) {
        this.connection = connection;
    }

    static Vault open(String password) throws SQLException {
        return new Vault(DriverManager.getConnection("jdbc:h2:mem:vault;DB_CLOSE_DELAY=-1;USER=sa;PASSWORD=" + password));
    }

    synchronized boolean reachable() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
            return rows.next();
        }
    }
}
