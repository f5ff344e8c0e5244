package dev.vigil.agent.httpclient.bridge;

import dev.vigil.agent.core.bridge.HookSlot;

/**
 * What the HTTP client advice calls: a call starts (its method and peer), carries the trace headers, and
 * ends with a status or an exception. Calls cross as a token; library objects as {@code Object}.
 *
 * <p>A call started while this thread is already inside one (a client delegating to itself or to another
 * client) gets a nested token that records nothing, so each logical call is counted once.
 */
public abstract class HttpClientHooks {
    public static final HookSlot<HttpClientHooks> SLOT = new HookSlot<>(new HttpClientHooks() {
    });

    /**
     * A call starts on this thread: the token to end it with. {@code port} -1 means the scheme's default.
     * Every token must be ended ({@link #end} or {@link #endAsync}) on this thread, nested ones too.
     */
    public Object start(String method, String scheme, String host, int port) {
        return null;
    }

    /**
     * {@code call} (a library's call object) will run on another thread (OkHttp's {@code enqueue}): its
     * time still counts for the server request running on this thread.
     */
    public void handOff(Object call) {
    }

    /** As {@link #start}, for a call that may have been {@linkplain #handOff handed off} to this thread. */
    public Object startHandedOff(Object call, String method, String scheme, String host, int port) {
        return null;
    }

    /**
     * A call that completes through {@code future} (a library's own object for the call: its future, its
     * per-call handler), on whatever thread: started once, however often the library retries it. Returns
     * its token, or null if already started.
     */
    public Object startFuture(Object future, String method, String scheme, String host, int port) {
        return null;
    }

    /**
     * {@code future} completes: with {@code status} (0 if unknown), {@code error}, or {@code cancelled}. A
     * cancellation after the call {@linkplain #responded responded} does not end it: its body does.
     */
    public void futureCompletes(Object future, int status, Throwable error, boolean cancelled) {
    }

    /**
     * {@code other} (an attempt of the call, the connection it is sent on) names the call started under
     * {@code future} too, for the hooks that only know that object.
     */
    public void alias(Object other, Object future) {
    }

    /** {@code {traceparent, tracestate}} for the call named {@code future}, from the context it started in; or null. */
    public String[] traceHeadersOf(Object future) {
        return null;
    }

    /**
     * The response of the call named {@code future} arrived with {@code status}: the call goes on until
     * its body ends ({@link #responseEnded}), as the OpenTelemetry agent times Reactor Netty's client.
     */
    public void responded(Object future, int status) {
    }

    /**
     * The library hands the call named {@code future} back to the application on this thread (its
     * response, a part of its body, its end): the trace context the call was made in is current here
     * until {@link #leaveContext}, so the application's callbacks log with its trace. Returns what to
     * pass to {@link #leaveContext}, or null.
     */
    public Object resumeContext(Object future) {
        return null;
    }

    /** Undoes {@link #resumeContext}, on the same thread. */
    public void leaveContext(Object scope) {
    }

    /**
     * The body of the call named {@code future} ended: read to its end, broken by {@code error}, or no
     * longer wanted by the application. Ends the call if it {@linkplain #responded responded}.
     */
    public void responseEnded(Object future, Throwable error) {
    }

    /** {@code {traceparent, tracestate}} to send with the call of {@code token} (tracestate may be null), or null. */
    public String[] traceHeaders(Object token) {
        return null;
    }

    /** As {@link #traceHeaders(Object)}, for the call running on this thread. */
    public String[] currentTraceHeaders() {
        return null;
    }

    /** A JDK {@code HttpRequest} of the call: returned with the trace headers, or unchanged. */
    public Object withTraceHeaders(Object token, Object request) {
        return request;
    }

    /** The call answered {@code status} (0 if unknown), or failed with {@code error}. */
    public void end(Object token, int status, Throwable error) {
    }

    /**
     * The call goes on asynchronously: this thread is done with it, and it ends when {@code future} (a
     * {@code CompletableFuture} of a JDK {@code HttpResponse}) completes. {@code error}: it failed at once.
     * Returns the future to hand the application: one that completes only once the call is recorded.
     */
    public Object endAsync(Object token, Object future, Throwable error) {
        return future;
    }

    /**
     * {@code HttpURLConnection}: one call from its first {@code connect}, {@code getOutputStream} or
     * {@code getInputStream} until the outermost {@code getInputStream} returns. Entered on each of them.
     */
    public Object enterConnection(Object connection, boolean connected) {
        return null;
    }

    /** Leaving one of those methods; {@code read}: it was {@code getInputStream}; {@code status} -1 if none yet. */
    public void exitConnection(Object token, boolean read, int status, Throwable error) {
    }
}
