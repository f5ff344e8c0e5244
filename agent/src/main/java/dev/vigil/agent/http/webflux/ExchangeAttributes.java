package dev.vigil.agent.http.webflux;

import java.util.Map;

/**
 * What Spring WebFlux leaves in a request's exchange attributes that the recorder wants when the request
 * ends: the route pattern the handler mapping matched (annotated controllers and {@code RouterFunction}
 * routes alike, nested routes merged into one pattern), and the exception its exception handlers turned
 * into the error response. Read through the plain {@code Map}, so nothing of Spring is loaded here.
 */
public final class ExchangeAttributes {
    /** {@code org.springframework.web.reactive.HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}; a {@code PathPattern}. */
    static final String BEST_MATCHING_PATTERN = "org.springframework.web.reactive.HandlerMapping.bestMatchingPattern";
    /** {@code org.springframework.web.server.handler.ExceptionHandlingWebHandler.HANDLED_WEB_EXCEPTION}. */
    static final String HANDLED_EXCEPTION = "ExceptionHandlingWebHandler.handledException";
    /**
     * The pattern of Spring Boot's static resources handler, which every path no route matched reaches
     * (and is answered 404 there): no route of the application's, so such paths follow the route table.
     */
    private static final String CATCH_ALL = "/**";

    private ExchangeAttributes() {
    }

    /** The matched route pattern ({@code /orders/{id}}), or null. */
    public static String route(Map<String, Object> attributes) {
        Object pattern = attributes.get(BEST_MATCHING_PATTERN);
        if (pattern == null) {
            return null;
        }
        String template = pattern.toString(); // PathPattern#toString is its pattern text
        return template.isEmpty() || CATCH_ALL.equals(template) ? null : template;
    }

    /** The exception WebFlux's exception handlers answered for, or null. */
    public static Throwable handledError(Map<String, Object> attributes) {
        return attributes.get(HANDLED_EXCEPTION) instanceof Throwable error ? error : null;
    }
}
