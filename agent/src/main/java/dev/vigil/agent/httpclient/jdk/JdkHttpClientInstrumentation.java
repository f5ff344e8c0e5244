package dev.vigil.agent.httpclient.jdk;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The JDK's two clients: {@code HttpClient} ({@code send}, and {@code sendAsync} timed to the completion
 * of its future) and {@code HttpURLConnection} (from its first connect to its response). JDK classes:
 * retransformed if already loaded.
 */
public final class JdkHttpClientInstrumentation implements TypeInstrumentation {
    public static final List<String> TYPES = List.of(
            "jdk.internal.net.http.HttpClientImpl",
            "sun.net.www.protocol.http.HttpURLConnection");

    @Override
    public List<String> jdkTypes() {
        return TYPES;
    }

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(TYPES);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named("jdk.internal.net.http.HttpClientImpl"))
                .transform(advice.transformer()
                        .advice(isPublic().and(named("send")).and(takesArgument(0, named("java.net.http.HttpRequest"))),
                                "dev.vigil.agent.httpclient.jdk.SendAdvice")
                        .advice(isPublic().and(named("sendAsync"))
                                        .and(takesArgument(0, named("java.net.http.HttpRequest"))),
                                "dev.vigil.agent.httpclient.jdk.SendAsyncAdvice"))
                .type(named("sun.net.www.protocol.http.HttpURLConnection"))
                .transform(advice.transformer()
                        .advice(isPublic().and(named("connect").or(named("getOutputStream"))).and(takesArguments(0)),
                                "dev.vigil.agent.httpclient.jdk.UrlConnectionAdvice")
                        .advice(isPublic().and(named("getInputStream")).and(takesArguments(0)),
                                "dev.vigil.agent.httpclient.jdk.UrlConnectionReadAdvice"));
    }
}
