package dev.vigil.it.apps.spring;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Routes that query the database: one SELECT or one INSERT per request, nothing else. */
@RestController
class OwnersController {

    private final JdbcTemplate jdbc;

    OwnersController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Exactly one {@code SELECT ... FROM owners} per request (owners 1..5 are seeded by data.sql). */
    @GetMapping("/owners/{ownerId}")
    ResponseEntity<Map<String, Object>> owner(@PathVariable("ownerId") long ownerId) {
        return jdbc.queryForList("SELECT id, name FROM owners WHERE id = ?", ownerId).stream()
                .findFirst()
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Exactly one {@code INSERT INTO orders} per request; the body is the item. */
    @PostMapping("/orders")
    ResponseEntity<String> placeOrder(@RequestBody String item) {
        jdbc.update("INSERT INTO orders (item) VALUES (?)", item);
        return ResponseEntity.status(HttpStatus.CREATED).body("ordered");
    }
}
