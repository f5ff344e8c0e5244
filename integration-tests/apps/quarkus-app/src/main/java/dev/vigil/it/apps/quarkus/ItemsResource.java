package dev.vigil.it.apps.quarkus;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Database work of a blocking method, which Quarkus runs on a worker thread: one statement for the item
 * numbers, then one per item ({@link #STATEMENTS} in all), on an in-memory H2 database through its driver.
 */
@Path("/items")
public class ItemsResource {
    /** Statements per request: 1 + ITEMS. */
    static final int ITEMS = 5;
    static final int STATEMENTS = 1 + ITEMS;

    @GET
    @Path("{orderId}")
    public String items(@PathParam("orderId") int orderId) throws SQLException {
        try (Connection connection = new org.h2.Driver().connect("jdbc:h2:mem:items", new Properties())) {
            List<Integer> numbers = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("SELECT X FROM SYSTEM_RANGE(1, ?)")) {
                statement.setInt(1, ITEMS);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        numbers.add(rows.getInt(1));
                    }
                }
            }
            long total = 0;
            for (int number : numbers) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT ? * ?")) {
                    statement.setInt(1, number);
                    statement.setInt(2, orderId);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        total += rows.getLong(1);
                    }
                }
            }
            return "items " + total;
        }
    }
}
