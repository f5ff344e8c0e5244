package dev.vigil.agent.http.micronaut;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.server.netty.NettyHttpRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Micronaut's {@code RoutingInBoundHandler#responseWritten}, which its pipeline calls once per
 * request when the response is complete, or discarded because the connection closed: the request ends, with
 * the route template Micronaut matched.
 */
public final class ResponseWrittenAdvice {
    private ResponseWrittenAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) Object attachment) {
        if (attachment instanceof NettyHttpRequest<?> request) {
            ReactiveServerHooks hooks = ReactiveServerHooks.SLOT.get();
            hooks.route(request.getNativeRequest(), BasicHttpAttributes.getUriTemplate(request).orElse(null));
            hooks.ended(request.getNativeRequest(), -1, false,
                    !request.getChannelHandlerContext().channel().isActive());
        }
    }
}
