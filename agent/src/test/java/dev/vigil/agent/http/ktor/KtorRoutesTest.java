package dev.vigil.agent.http.ktor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code RoutingNode#toString} prints for Ktor 3's routes, and the template each is timed under. */
class KtorRoutesTest {
    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "/orders/{id}/(method:GET) /orders/{id}",
        "/orders/(method:POST) /orders",
        "/(method:GET) /",
        "/ /",
        "/api/(header:X-Version\u00a0=\u00a02)/items/{itemId}/(method:GET) /api/items/{itemId}",
        "/(authenticate\u00a0auth-jwt)/me/(method:GET) /me",
        "/files/{...}/(method:GET) /files/{...}",
        "/users/{id?}/(method:GET) /users/{id?}",
        "/search/[q]/(method:GET) /search",
        "/shop/<slash>/(method:GET) /shop/",
        "/v1/Regex(^/users/(?<id>\\d+)$)/(method:GET) /v1/Regex(^/users/(?<id>\\d+)$)",
        "/a/*/b/(contentTypes:[application/json])/(method:PUT) /a/*/b",
        "/app/{name}.json/(method:GET) /app/{name}.json",
    })
    void theTemplateIsThePathOfThePathSelectors(String rendered, String template) {
        assertThat(KtorRoutes.template(rendered.replace('\u00a0', ' '))).isEqualTo(template);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ' ', nullValues = "null", value = {"null", "''"})
    void nothingRenderedIsNoTemplate(String rendered) {
        assertThat(KtorRoutes.template(rendered)).isNull();
    }
}
