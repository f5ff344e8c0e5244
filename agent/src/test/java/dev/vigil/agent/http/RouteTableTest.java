package dev.vigil.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable routes = new RouteTable(new SimpleMeterRegistry(), "http_server_request_duration_seconds",
            10, 10, List.of());

    @Test
    void everyPathOfARouteIsNamedByOneStringInstance() {
        String first = routes.route(null, "/items/1", 200);
        assertThat(first).isEqualTo("/items/{id}");
        // Normalised afresh per request: the meters' maps then hash and compare one string, not a new one each time.
        assertThat(routes.route(null, "/items/2", 200)).isSameAs(first);
        assertThat(routes.route(null, "/items/3?sort=asc", 404)).isSameAs(first);
    }

    @Test
    void aPathThatNeverAnsweredIsNotARouteUntilItDoes() {
        assertThat(routes.route(null, "/admin.php", 404)).isEqualTo(RouteTable.NOT_FOUND);
        assertThat(routes.route(null, "/login", 401)).isEqualTo(RouteTable.UNKNOWN);
        assertThat(routes.route(null, "/login", 200)).isEqualTo("/login");
        assertThat(routes.route(null, "/login", 401)).isEqualTo("/login");
    }
}
