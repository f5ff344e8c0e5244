package dev.vigil.it.apps.webflux;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.path;
import static org.springframework.web.reactive.function.server.RouterFunctions.nest;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Functional routes: one plain, one nested under a common prefix. */
@Configuration
class CustomerRoutes {

    @Bean
    RouterFunction<ServerResponse> customers() {
        return route(GET("/customers/{customerId}"),
                request -> ServerResponse.ok().bodyValue("customer " + request.pathVariable("customerId")))
                .and(nest(path("/shops/{shopId}"),
                        route(GET("/products/{productId}"),
                                request -> ServerResponse.ok().bodyValue("product " + request.pathVariable("productId")))));
    }
}
