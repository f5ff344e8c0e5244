package dev.vigil.agent.httpclient;

import java.util.concurrent.CompletableFuture;

/**
 * What the application gets back from an asynchronous call: completes as the client's own future did,
 * but only after the call is recorded, so code that waits on it (and the server request it belongs to)
 * sees the call counted and its time on the request. {@code cancel} reaches the client's future, which
 * is how the JDK client (and Spring's timeout over it) abandons an exchange.
 */
final class RecordedFuture<T> extends CompletableFuture<T> {
    private final CompletableFuture<?> original;

    RecordedFuture(CompletableFuture<?> original) {
        this.original = original;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = original.cancel(mayInterruptIfRunning);
        // Once the client's future is done, this one completes as soon as that completion is recorded, which
        // may be on the thread that completed it: completing it here first would let the caller run ahead.
        return original.isDone() ? cancelled : super.cancel(mayInterruptIfRunning);
    }

    @SuppressWarnings("unchecked")
    void completeLike(Object value, Throwable failure) {
        if (failure != null) {
            completeExceptionally(failure);
        } else {
            complete((T) value);
        }
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
