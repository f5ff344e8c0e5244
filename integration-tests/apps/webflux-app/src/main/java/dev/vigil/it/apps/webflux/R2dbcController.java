package dev.vigil.it.apps.webflux;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.r2dbc.spi.ConnectionFactories;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The same items through R2DBC: Spring's DatabaseClient, no JDBC and no blocking thread. */
@RestController
class R2dbcController {
    private static final Logger log = LoggerFactory.getLogger(R2dbcController.class);

    private final DatabaseClient db;
    private final DatabaseClient postgres;
    private final DatabaseClient mariadb;

    R2dbcController(DatabaseClient db, @Value("${app.r2dbc.postgresql-url}") String postgresUrl,
                    @Value("${app.r2dbc.mariadb-url}") String mariadbUrl) {
        this.db = db;
        // Made here, not by Spring Boot, which makes one connection factory (the H2 one above).
        this.postgres = DatabaseClient.create(ConnectionFactories.get(postgresUrl));
        this.mariadb = DatabaseClient.create(ConnectionFactories.get(mariadbUrl));
    }

    /** One query per request on MariaDB. */
    @GetMapping("/r2dbc-mariadb/tables/{schema}")
    Mono<Long> mariadbTables(@PathVariable("schema") String schema) {
        return mariadb.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = ?").bind(0, schema)
                .map(row -> row.get(0, Long.class)).one()
                .doOnNext(count -> log.info("mariadb tables counted"));
    }

    /** One query per request on PostgreSQL: its rows arrive on the driver's event loop. */
    @GetMapping("/r2dbc-pg/tables/{kind}")
    Mono<Long> tables(@PathVariable("kind") String kind) {
        return postgres.sql("SELECT count(*) FROM pg_class WHERE relkind = $1").bind(0, kind)
                .map(row -> row.get(0, Long.class)).one()
                .doOnNext(count -> log.info("tables counted"));
    }

    /** One query per request. */
    @GetMapping("/r2dbc/orders/{id}/items")
    Flux<String> items(@PathVariable("id") long id) {
        return db.sql("SELECT name FROM items WHERE order_id = :id").bind("id", id)
                .map(row -> row.get("name", String.class)).all();
    }

    /** The reactive N+1: the order's item ids, then one query per item, in turn. */
    @GetMapping("/r2dbc/orders/{id}/names")
    Mono<List<String>> names(@PathVariable("id") long id) {
        return db.sql("SELECT id FROM items WHERE order_id = :id").bind("id", id)
                .map(row -> row.get("id", Long.class)).all()
                .repeat(5)
                .concatMap(itemId -> db.sql("SELECT name FROM items WHERE id = :id").bind("id", itemId)
                        .map(row -> row.get("name", String.class)).one())
                .collectList()
                .doOnNext(names -> log.info("names loaded"));
    }

    /** A statement the database refuses: the request answers 500. */
    @GetMapping("/r2dbc/broken")
    Mono<String> broken() {
        return db.sql("SELECT name FROM no_such_table WHERE id = 42").map(row -> row.get("name", String.class)).one();
    }
}
