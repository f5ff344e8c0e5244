package dev.vigil.agent.httpclient.jdk;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import java.net.URLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpURLConnection#getInputStream} (which {@code getResponseCode} calls): the call
 * ends with the status it parsed, even when it throws for a 4xx or 5xx.
 */
public final class UrlConnectionReadAdvice {
    private UrlConnectionReadAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This URLConnection connection, @Advice.FieldValue("connected") boolean connected) {
        return HttpClientHooks.SLOT.get().enterConnection(connection, connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.FieldValue("responseCode") int status,
                            @Advice.Thrown Throwable thrown) {
        HttpClientHooks.SLOT.get().exitConnection(call, true, status, thrown);
    }
}
