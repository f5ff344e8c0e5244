package dev.vigil.agent.http.webflux;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import net.bytebuddy.asm.Advice;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Inlined into Spring's {@code HttpWebHandlerAdapter#createExchange}: hands the exchange's attributes to the
 * server's request (the native request under Spring's wrappers), so its route pattern and handled
 * exception are read when the server reports the request's end.
 */
public final class ExchangeCreatedAdvice {
    private ExchangeCreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return ServerWebExchange exchange) {
        ReactiveServerHooks.SLOT.get().attributes(ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()),
                exchange.getAttributes());
    }
}
