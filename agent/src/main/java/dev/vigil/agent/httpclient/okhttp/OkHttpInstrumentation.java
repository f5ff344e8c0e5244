package dev.vigil.agent.httpclient.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * OkHttp 4: {@code execute()} and {@code enqueue()} both run the call's interceptor chain in
 * {@code RealCall.getResponseWithInterceptorChain} (on the caller's thread, or the dispatcher's), retries
 * and redirects inside it: one logical call. The trace headers go on the request the chain starts with.
 */
public final class OkHttpInstrumentation implements TypeInstrumentation {
    private static final String CALL = "okhttp3.internal.connection.RealCall";
    private static final String CHAIN = "okhttp3.internal.http.RealInterceptorChain";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(CALL, CHAIN);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(CALL), new ClassLoaderHasClass(CALL))
                .transform(advice.transformer()
                        // Kotlin's internal name: getResponseWithInterceptorChain$okhttp
                        .advice(nameStartsWith("getResponseWithInterceptorChain").and(takesArguments(0)),
                                "dev.vigil.agent.httpclient.okhttp.InterceptorChainAdvice")
                        .advice(named("enqueue").and(takesArguments(1)), "dev.vigil.agent.httpclient.okhttp.EnqueueAdvice"))
                .type(named(CHAIN), new ClassLoaderHasClass(CHAIN))
                .transform(advice.transformer()
                        .advice(named("proceed").and(takesArguments(1)),
                                "dev.vigil.agent.httpclient.okhttp.ProceedAdvice"));
    }
}
