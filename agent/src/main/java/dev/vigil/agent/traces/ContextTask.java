package dev.vigil.agent.traces;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Callable;

/** A task that runs with the trace context of the code that submitted it. */
abstract class ContextTask {
    final Context context;

    ContextTask(Context context) {
        this.context = context;
    }

    static final class OfRunnable extends ContextTask implements Runnable {
        private final Runnable task;

        OfRunnable(Context context, Runnable task) {
            super(context);
            this.task = task;
        }

        @Override
        public void run() {
            try (Scope ignored = context.makeCurrent()) {
                task.run();
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    static final class OfCallable<V> extends ContextTask implements Callable<V> {
        private final Callable<V> task;

        OfCallable(Context context, Callable<V> task) {
            super(context);
            this.task = task;
        }

        @Override
        public V call() throws Exception {
            try (Scope ignored = context.makeCurrent()) {
                return task.call();
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }
}
