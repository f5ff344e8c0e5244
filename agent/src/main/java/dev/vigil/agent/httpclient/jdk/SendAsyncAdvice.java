package dev.vigil.agent.httpclient.jdk;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import java.net.URI;
import java.net.http.HttpRequest;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the JDK HttpClient's {@code sendAsync}: the call is timed until its future completes, and
 * the application gets a future that completes after the call is recorded (cancelling it cancels the call).
 */
public final class SendAsyncAdvice {
    private SendAsyncAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
        URI uri = request.uri();
        Object call = HttpClientHooks.SLOT.get().start(request.method(), uri.getScheme(), uri.getHost(), uri.getPort());
        request = (HttpRequest) HttpClientHooks.SLOT.get().withTraceHeaders(call, request);
        return call;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call,
                            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object future,
                            @Advice.Thrown Throwable thrown) {
        future = HttpClientHooks.SLOT.get().endAsync(call, future, thrown);
    }
}
