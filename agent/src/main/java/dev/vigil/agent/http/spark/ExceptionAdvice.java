package dev.vigil.agent.http.spark;

import dev.vigil.agent.http.bridge.HttpServerHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into Spark's {@code GeneralError#modify}, which answers a handler's exception: the exception answered. */
public final class ExceptionAdvice {
    private ExceptionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(6) Exception error) {
        HttpServerHooks.SLOT.get().answered(error);
    }
}
