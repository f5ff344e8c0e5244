package dev.vigil.agent.httpclient.apache5;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Apache HttpClient 5, async: a call starts when the client first runs its exec chain for a request
 * ({@code executeImmediate}, again on each retry, counted once) and ends when the future the client
 * handed out completes, fails or is cancelled: that future is the call's key.
 */
public final class Apache5AsyncInstrumentation implements TypeInstrumentation {
    private static final String CLIENT = "org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient";
    private static final String FUTURE = "org.apache.hc.core5.concurrent.BasicFuture";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(CLIENT, FUTURE);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(named(CLIENT), new ClassLoaderHasClass(CLIENT))
                .transform(advice.transformer()
                        .advice(named("executeImmediate").and(takesArguments(5)),
                                "dev.vigil.agent.httpclient.apache5.ExecuteImmediateAdvice"))
                .type(named(FUTURE), new ClassLoaderHasClass(FUTURE))
                .transform(advice.transformer()
                        .advice(named("completed").and(takesArguments(1)), "dev.vigil.agent.httpclient.apache5.FutureCompletedAdvice")
                        .advice(named("failed").and(takesArguments(1)), "dev.vigil.agent.httpclient.apache5.FutureFailedAdvice")
                        .advice(named("cancel").and(takesArguments(1)), "dev.vigil.agent.httpclient.apache5.FutureCancelAdvice"));
    }
}
