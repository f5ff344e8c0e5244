package dev.vigil.agent.http.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchedRouteTest {

    private static String route(String rawPath, String... matched) {
        MatchedRoute route = new MatchedRoute(rawPath);
        for (String name : matched) {
            route.matched(name);
        }
        return route.route(200);
    }

    @Test
    void theLastRouteMatchedIsTheRequestsRoute() {
        assertThat(route("/orders/42", null, "/orders/:id")).isEqualTo("/orders/:id");
        assertThat(route("/api/orders/42", "/api/", "/api/orders/:id")).isEqualTo("/api/orders/:id");
    }

    @Test
    void aSubRoutersRouteIsJoinedToItsMount() {
        assertThat(route("/api/items/7", "/api/", "/items/:itemId")).isEqualTo("/api/items/:itemId");
        assertThat(route("/api/items/7", "/api/", "/items/", "/items/:itemId"))
                .as("middleware inside the sub-router").isEqualTo("/api/items/:itemId");
    }

    @Test
    void aRegularExpressionRouteIsKeptAsDeclared() {
        assertThat(route("/files/a.txt", "/files/", "\\/files\\/(.*)")).isEqualTo("\\/files\\/(.*)");
    }

    @Test
    void aCatchAllOrAPrefixRouteThatAnswered404IsNoRoute() {
        assertThat(route("/hello", "/")).as("Quarkus' REST layer behind /*").isNull();
        assertThat(route("/", "/")).isEqualTo("/");
        MatchedRoute staticFiles = new MatchedRoute("/static/app.css");
        staticFiles.matched("/static/");
        assertThat(staticFiles.route(200)).isEqualTo("/static/");
        assertThat(staticFiles.route(404)).isNull();
    }

    @Test
    void noRouteWithoutAPath() {
        assertThat(route("/orders/42", null, "")).isNull();
    }
}
