package dev.vigil.agent.http.ktor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.http.bridge.ReactiveServerHooks;
import java.util.ArrayList;
import java.util.List;
import kotlin.ResultKt;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.CoroutineName;
import kotlinx.coroutines.ThreadContextElement;
import org.junit.jupiter.api.Test;

/**
 * The continuation the agent hands Ktor's engine pipeline: it passes everything to the engine's own, and ends the
 * request when the pipeline resumes it; routing nodes become templates.
 */
class KtorServerRecorderTest {
    private final List<String> events = new ArrayList<>();
    private final KtorServerRecorder recorder = new KtorServerRecorder(new ReactiveServerHooks() {
        @Override
        public void route(Object exchange, String template) {
            events.add("route " + exchange + " " + template);
        }

        @Override
        public Object resume(Object exchange) {
            events.add("resume " + exchange);
            return "token-" + exchange;
        }

        @Override
        public void leave(Object token) {
            events.add("leave " + token);
        }

        @Override
        public void ended(Object exchange, int status, boolean responseStarted, boolean connectionClosed) {
            events.add("ended " + exchange + " " + status + (connectionClosed ? " closed" : ""));
        }
    });

    /** The engine's continuation, as Kotlin's coroutines see it. */
    private final class EngineContinuation implements Continuation<Object> {
        private final CoroutineContext context;

        EngineContinuation() {
            this(EmptyCoroutineContext.INSTANCE);
        }

        EngineContinuation(CoroutineContext context) {
            this.context = context;
        }

        @Override
        public CoroutineContext getContext() {
            return context;
        }

        @Override
        public void resumeWith(Object result) {
            events.add("resumed " + result);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theContinuationEndsTheRequestThenResumesTheEngines() {
        EngineContinuation engine = new EngineContinuation();

        Continuation<Object> handed = (Continuation<Object>) recorder.completion("call-1", engine);
        assertThat(handed).isNotSameAs(engine);
        handed.resumeWith("done");

        assertThat(events).containsExactly("ended call-1 -1", "resumed done");
    }

    /**
     * The handed continuation's context is the engine's and a {@code ThreadContextElement} that makes the request
     * current where kotlinx.coroutines runs the pipeline's coroutines, and no longer after.
     */
    @Test
    @SuppressWarnings("unchecked")
    void itsContextIsTheEnginesAndAnElementThatMakesTheRequestCurrentWhereItsCoroutinesRun() {
        CoroutineName name = new CoroutineName("call-handler");

        CoroutineContext context = ((Continuation<Object>) recorder.completion("call-6", new EngineContinuation(name)))
                .getContext();

        assertThat(context.get(CoroutineName.Key)).isSameAs(name);
        List<ThreadContextElement<Object>> elements = new ArrayList<>();
        context.fold(elements, (list, element) -> {
            if (element instanceof ThreadContextElement<?> threadContext) {
                list.add((ThreadContextElement<Object>) threadContext);
            }
            return list;
        });
        assertThat(elements).hasSize(1);
        ThreadContextElement<Object> element = elements.get(0);
        assertThat(context.get(element.getKey())).isSameAs(element);
        assertThat(context.minusKey(element.getKey()).get(element.getKey())).isNull();
        Object state = element.updateThreadContext(context);
        element.restoreThreadContext(context, state);
        assertThat(events).containsExactly("resume call-6", "leave token-call-6");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedPipelineEndsAsAClosedConnectionSoAnUnansweredOneIsCancelled() {
        Object failure = ResultKt.createFailure(new IllegalStateException("cancelled"));

        ((Continuation<Object>) recorder.completion("call-2", new EngineContinuation())).resumeWith(failure);

        assertThat(events).hasSize(2).first().isEqualTo("ended call-2 -1 closed");
    }

    @Test
    void aContinuationOfNoKnownTypeIsHandedBackAsItIs() {
        Object notAContinuation = new Object();

        assertThat(recorder.completion("call-3", notAContinuation)).isSameAs(notAContinuation);
    }

    @Test
    void aRoutingNodeIsItsTemplate() {
        Object node = new Object() {
            @Override
            public String toString() {
                return "/orders/{id}/(method:GET)";
            }
        };

        recorder.routed("call-4", node);
        recorder.routed("call-5", node);

        assertThat(events).containsExactly("route call-4 /orders/{id}", "route call-5 /orders/{id}");
    }
}
