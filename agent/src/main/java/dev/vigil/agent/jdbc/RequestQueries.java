package dev.vigil.agent.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one HTTP request asked of the database: how many statements, how long they took, how often each
 * statement shape ran (for N+1 detection), and its slow statements. Bounded whatever the request does.
 */
public final class RequestQueries {
    static final int MAX_SHAPES = 32;
    static final int MAX_SLOW = 8;
    /** Most requests run one to three shapes: the array starts this small and doubles up to {@link #MAX_SHAPES}. */
    private static final int FIRST_SHAPES = 2;
    static final int MAX_MODULES = 8;

    int count;
    long nanos;
    /**
     * The shapes run, in order, each with its numbers: one object per shape instead of five parallel arrays
     * made for every request (a request of one statement made 176 bytes of them).
     */
    private Shape[] shapes;
    private int shapeCount;
    /** Database time per module whose code ran the statements (data ownership); a few per request. */
    private String[] modules;
    private long[] moduleNanos;
    private int moduleCount;
    private List<SlowQuery> slow;

    /** One statement shape of the request: how often it ran, and its reads outside a transaction (auto-commit) and their time. */
    private static final class Shape {
        final String statement;
        final String collection;
        int count;
        int outsideReads;
        long outsideNanos;

        Shape(String statement, String collection) {
            this.statement = statement;
            this.collection = collection;
        }
    }

    synchronized void add(String statement, String collection, long queryNanos) {
        add(statement, collection, queryNanos, false);
    }

    /** {@code outsideTransactionRead}: a SELECT on a connection in auto-commit, which a read replica could serve. */
    synchronized void add(String statement, String collection, long queryNanos, boolean outsideTransactionRead) {
        count++;
        nanos += queryNanos;
        if (statement == null) {
            return; // a statement prepared before the agent came: counted, but never an N+1 candidate
        }
        Shape shape = shape(statement, collection);
        if (shape != null) {
            shape.count++;
            if (outsideTransactionRead) {
                shape.outsideReads++;
                shape.outsideNanos += queryNanos;
            }
        }
    }

    /** {@code statement}'s shape, added if new; null once the request has {@link #MAX_SHAPES} others. */
    private Shape shape(String statement, String collection) {
        for (int i = 0; i < shapeCount; i++) {
            // Shapes come from a bounded cache, so the same statement is usually the same string.
            Shape shape = shapes[i];
            if (shape.statement == statement || shape.statement.equals(statement)) {
                return shape;
            }
        }
        if (shapes == null) {
            shapes = new Shape[FIRST_SHAPES];
        } else if (shapeCount == shapes.length) {
            if (shapeCount == MAX_SHAPES) {
                return null;
            }
            shapes = Arrays.copyOf(shapes, Math.min(MAX_SHAPES, shapeCount * 2));
        }
        Shape shape = new Shape(statement, collection);
        shapes[shapeCount++] = shape;
        return shape;
    }

    synchronized void addModuleTime(String module, long queryNanos) {
        for (int i = 0; i < moduleCount; i++) {
            if (modules[i] == module || modules[i].equals(module)) {
                moduleNanos[i] += queryNanos;
                return;
            }
        }
        if (modules == null) {
            modules = new String[MAX_MODULES]; // only requests that touch the database have modules
            moduleNanos = new long[MAX_MODULES];
        }
        if (moduleCount < MAX_MODULES) {
            modules[moduleCount] = module;
            moduleNanos[moduleCount++] = queryNanos;
        }
    }

    /** Calls {@code each} with every module whose statements this request ran, and their time. */
    synchronized void forEachModule(java.util.function.ObjLongConsumer<String> each) {
        for (int i = 0; i < moduleCount; i++) {
            each.accept(modules[i], moduleNanos[i]);
        }
    }

    synchronized void addSlow(SlowQuery query) {
        if (slow == null) {
            slow = new ArrayList<>(2);
        }
        if (slow.size() < MAX_SLOW) {
            slow.add(query);
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized long nanos() {
        return nanos;
    }

    /** Statement shapes executed at least {@code threshold} times, with their counts. */
    synchronized List<Repeated> repeatedAtLeast(int threshold) {
        List<Repeated> repeated = null;
        for (int i = 0; i < shapeCount; i++) {
            Shape shape = shapes[i];
            if (shape.count >= threshold) {
                if (repeated == null) {
                    repeated = new ArrayList<>(1);
                }
                repeated.add(new Repeated(shape.statement, shape.collection, shape.count));
            }
        }
        return repeated == null ? List.of() : repeated;
    }

    synchronized List<SlowQuery> slow() {
        return slow == null ? List.of() : List.copyOf(slow);
    }

    /** Calls {@code each} with every table this request read outside a transaction: reads, nanoseconds. */
    synchronized void forEachOutsideRead(OutsideReads each) {
        for (int i = 0; i < shapeCount; i++) {
            Shape shape = shapes[i];
            if (shape.outsideReads > 0) {
                each.accept(shape.collection, shape.outsideReads, shape.outsideNanos);
            }
        }
    }

    interface OutsideReads {
        void accept(String collection, int reads, long nanos);
    }

    record Repeated(String statement, String collection, int count) {
    }

    record SlowQuery(String statement, String system, String operation, String collection, long nanos,
                     String traceId, String spanId) {
    }
}
