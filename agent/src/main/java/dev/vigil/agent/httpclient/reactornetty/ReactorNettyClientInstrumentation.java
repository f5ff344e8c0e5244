package dev.vigil.agent.httpclient.reactornetty;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.ClassLoaderHasClass;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Reactor Netty's {@code HttpClient} (Spring's {@code WebClient}, and {@code RestClient}/{@code RestTemplate}
 * on {@code ReactorClientHttpRequestFactory}), at the objects it makes for each subscription, whoever
 * configured the client and whether or not its Micrometer observation is on:
 * <ul>
 * <li>{@code HttpClientConnect$HttpClientHandler}: one per subscription, kept across the client's own
 *     retries and redirects, so it names the logical call. Made on the subscribing thread, where the
 *     caller's trace and server request are current: the call starts there. Its {@code test(Throwable)}
 *     decides whether a failure is retried; a failure it does not retry ends the call.</li>
 * <li>{@code HttpClientConnect$HttpObserver}: one per attempt, told of each request's states: the request
 *     prepared (headers still writable: the trace headers go in), the response's headers received.</li>
 * <li>{@code HttpClientOperations#onInboundNext}: the response and its body reach the application, on an
 *     event loop: in the trace context the call was made in, so its callbacks log with the trace.</li>
 * <li>{@code ChannelOperations}: the response's body completes or breaks, before the application's
 *     reader is told, so the call is recorded before the server request waiting for it can end. Timed to
 *     the body's end, as the OpenTelemetry agent times this client.</li>
 * <li>{@code MonoCreate$DefaultMonoSink#cancel}: the application cancelled an attempt before its
 *     response (a {@code timeout()}, a cancelled server request): the call ends as cancelled, once.</li>
 * </ul>
 */
public final class ReactorNettyClientInstrumentation implements TypeInstrumentation {
    private static final String CONNECT = "reactor.netty.http.client.HttpClientConnect";
    private static final String HANDLER = CONNECT + "$HttpClientHandler";
    private static final String OBSERVER = CONNECT + "$HttpObserver";
    private static final String OPERATIONS = "reactor.netty.channel.ChannelOperations";
    private static final String CLIENT_OPERATIONS = "reactor.netty.http.client.HttpClientOperations";
    private static final String SINK = "reactor.core.publisher.MonoCreate$DefaultMonoSink";
    private static final String PACKAGE = ReactorNettyClientInstrumentation.class.getPackageName() + ".";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(HANDLER, OBSERVER, CLIENT_OPERATIONS, OPERATIONS, SINK);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        ClassLoaderHasClass hasClient = new ClassLoaderHasClass(CONNECT);
        return builder
                .type(named(HANDLER), hasClient)
                .transform(advice.transformer()
                        .advice(isConstructor(), PACKAGE + "CallSubscribedAdvice")
                        .advice(named("test").and(takesArguments(1)), PACKAGE + "RetryDecidedAdvice"))
                .type(named(OBSERVER), hasClient)
                .transform(advice.transformer()
                        .advice(isConstructor(), PACKAGE + "AttemptAdvice")
                        .advice(named("onStateChange").and(takesArguments(2)), PACKAGE + "StateChangeAdvice"))
                .type(named(CLIENT_OPERATIONS), hasClient)
                .transform(advice.transformer()
                        .advice(named("onInboundNext").and(takesArguments(2)), PACKAGE + "ResponseReadAdvice"))
                .type(named(OPERATIONS), hasClient)
                .transform(advice.transformer()
                        .advice(named("onInboundComplete").and(takesArguments(0)), PACKAGE + "BodyCompletedAdvice")
                        .advice(named("onInboundError").and(takesArguments(1)), PACKAGE + "BodyFailedAdvice"))
                .type(named(SINK), hasClient)
                .transform(advice.transformer()
                        .advice(named("cancel").and(takesArguments(0)), PACKAGE + "AttemptCancelledAdvice"));
    }
}
