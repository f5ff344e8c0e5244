package dev.vigil.agent.httpclient;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Outgoing HTTP from the JDK's two clients carries the W3C trace headers, so the next service continues
 * the trace. JDK classes: retransformed if already loaded.
 */
public final class HttpClientInstrumentation implements TypeInstrumentation {
    public static final List<String> TYPES = List.of(
            "jdk.internal.net.http.HttpClientImpl",
            "sun.net.www.protocol.http.HttpURLConnection");

    @Override
    public List<String> jdkTypes() {
        return TYPES;
    }


    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named("jdk.internal.net.http.HttpClientImpl"))
                .transform(advice.transformer()
                        .advice(isPublic().and(namedOneOf("send", "sendAsync"))
                                        .and(takesArgument(0, named("java.net.http.HttpRequest"))),
                                "dev.vigil.agent.httpclient.HttpClientSendAdvice"))
                .type(named("sun.net.www.protocol.http.HttpURLConnection"))
                .transform(advice.transformer()
                        .advice(isPublic().and(namedOneOf("connect", "getInputStream", "getOutputStream"))
                                        .and(takesArguments(0)),
                                "dev.vigil.agent.httpclient.UrlConnectionAdvice"));
    }
}
