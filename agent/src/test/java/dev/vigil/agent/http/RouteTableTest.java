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

    @Test
    void aPathSeenAgainIsNamedAsBeforeWhateverElseShareItsSlot() {
        assertThat(routes.route(null, "/items/7", 200)).isEqualTo("/items/{id}");
        // "Aa" and "BB" have the same hash: they meet in one slot, and each keeps its own route.
        assertThat(routes.route(null, "/Aa", 200)).isEqualTo("/Aa");
        assertThat(routes.route(null, "/BB", 200)).isEqualTo("/BB");
        for (int round = 0; round < 3; round++) {
            assertThat(routes.route(null, "/Aa", 500)).isEqualTo("/Aa");
            assertThat(routes.route(null, "/BB", 404)).isEqualTo("/BB");
            assertThat(routes.route(null, "/items/7", 503)).isSameAs(routes.route(null, "/items/8", 200));
        }
    }

    @Test
    void onlyPathsThatResolvedToARouteAreHeldAndNeverOneWithItsQuery() {
        assertThat(routes.route(null, "/wp-login.php", 404)).isEqualTo(RouteTable.NOT_FOUND);
        assertThat(routes.route(null, "/wp-login.php", 404)).isEqualTo(RouteTable.NOT_FOUND);
        assertThat(routes.route(null, "/orders", 200)).isEqualTo("/orders");
        assertThat(routes.route(null, "/orders?token=s3cr3t", 200)).isEqualTo("/orders");
        assertThat(routes.route(null, "/orders", 200)).isEqualTo("/orders");

        assertThat(routes.resolvedPaths()).containsExactly("/orders");
        // A path that answered before its admission is resolved once it is admitted.
        assertThat(routes.route(null, "/wp-login.php", 200)).isEqualTo("/wp-login.php");
    }

    @Test
    void heldPathsAreBoundedInNumberAndLength() {
        RouteTable capped = new RouteTable(new SimpleMeterRegistry(), "http_server_request_duration_seconds", 10, 10_000,
                List.of());
        for (int i = 0; i < 5_000; i++) {
            capped.route(null, "/page" + i, 200);
            capped.route(null, "/page" + i, 200);
        }
        String longPath = "/" + "a".repeat(RouteTable.RESOLVED_MAX_LENGTH);
        capped.route(null, longPath, 200);
        capped.route(null, longPath, 200);

        assertThat(capped.resolvedPaths()).hasSizeLessThanOrEqualTo(RouteTable.RESOLVED_SLOTS).doesNotContain(longPath);
    }

    @Test
    void aTemplateDeclaredLaterNamesThePathsResolvedBeforeIt() {
        assertThat(routes.route(null, "/reports/latest", 200)).isEqualTo("/reports/latest");
        assertThat(routes.route(null, "/reports/latest", 200)).isEqualTo("/reports/latest");

        routes.declare("/reports/{name}");

        assertThat(routes.route(null, "/reports/latest", 200)).isEqualTo("/reports/{name}");
        assertThat(routes.route(null, "/reports/latest", 200)).isSameAs(routes.route(null, "/reports/latest", 200));
    }
}
