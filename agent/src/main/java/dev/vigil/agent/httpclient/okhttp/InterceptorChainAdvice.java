package dev.vigil.agent.httpclient.okhttp;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import net.bytebuddy.asm.Advice;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Response;

/** Inlined into {@code RealCall.getResponseWithInterceptorChain}: one logical call, timed. */
public final class InterceptorChainAdvice {
    private InterceptorChainAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Call call) {
        HttpUrl url = call.request().url();
        return HttpClientHooks.SLOT.get().startHandedOff(call, call.request().method(), url.scheme(), url.host(), url.port());
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Return Response response, @Advice.Thrown Throwable thrown) {
        HttpClientHooks.SLOT.get().end(call, response == null ? 0 : response.code(), thrown);
    }
}
