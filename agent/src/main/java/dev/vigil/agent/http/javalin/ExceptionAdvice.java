package dev.vigil.agent.http.javalin;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into Javalin's {@code ExceptionMapper#handle(Context, Throwable)}: the exception Javalin answers. */
public final class ExceptionAdvice {
    private ExceptionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(1) Throwable error) {
        HttpServerHooks.SLOT.get().answered(error);
    }
}
