package dev.vigil.agent.httpclient.jdk;

import dev.vigil.agent.httpclient.bridge.HttpClientHooks;
import java.net.URLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpURLConnection#connect} and {@code getOutputStream}: the call starts (with its
 * trace headers) if this is its first step; a failure here (refused) ends it.
 */
public final class UrlConnectionAdvice {
    private UrlConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This URLConnection connection, @Advice.FieldValue("connected") boolean connected) {
        return HttpClientHooks.SLOT.get().enterConnection(connection, connected);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
        HttpClientHooks.SLOT.get().exitConnection(call, false, -1, thrown);
    }
}
