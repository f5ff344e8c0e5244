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
    /** Most requests run one to three shapes: the arrays start this small and double up to {@link #MAX_SHAPES}. */
    private static final int FIRST_SHAPES = 4;
    static final int MAX_MODULES = 8;

    int count;
    long nanos;
    private String[] statements = new String[FIRST_SHAPES];
    private String[] collections = new String[FIRST_SHAPES];
    private int[] counts = new int[FIRST_SHAPES];
    /** Per shape: executions that were reads outside a transaction (auto-commit), and their time. */
    private int[] outsideReads = new int[FIRST_SHAPES];
    private long[] outsideNanos = new long[FIRST_SHAPES];
    private int shapes;
    /** Database time per module whose code ran the statements (data ownership); a few per request. */
    private String[] modules;
    private long[] moduleNanos;
    private int moduleCount;
    private List<SlowQuery> slow;

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
        for (int i = 0; i < shapes; i++) {
            // Shapes come from a bounded cache, so the same statement is usually the same string.
            if (statements[i] == statement || statements[i].equals(statement)) {
                counts[i]++;
                if (outsideTransactionRead) {
                    outsideReads[i]++;
                    outsideNanos[i] += queryNanos;
                }
                return;
            }
        }
        if (shapes == statements.length && shapes < MAX_SHAPES) {
            int capacity = Math.min(MAX_SHAPES, shapes * 2);
            statements = Arrays.copyOf(statements, capacity);
            collections = Arrays.copyOf(collections, capacity);
            counts = Arrays.copyOf(counts, capacity);
            outsideReads = Arrays.copyOf(outsideReads, capacity);
            outsideNanos = Arrays.copyOf(outsideNanos, capacity);
        }
        if (shapes < statements.length) {
            statements[shapes] = statement;
            collections[shapes] = collection;
            counts[shapes] = 1;
            if (outsideTransactionRead) {
                outsideReads[shapes] = 1;
                outsideNanos[shapes] = queryNanos;
            }
            shapes++;
        }
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
        for (int i = 0; i < shapes; i++) {
            if (counts[i] >= threshold) {
                if (repeated == null) {
                    repeated = new ArrayList<>(1);
                }
                repeated.add(new Repeated(statements[i], collections[i], counts[i]));
            }
        }
        return repeated == null ? List.of() : repeated;
    }

    synchronized List<SlowQuery> slow() {
        return slow == null ? List.of() : List.copyOf(slow);
    }

    /** Calls {@code each} with every table this request read outside a transaction: reads, nanoseconds. */
    synchronized void forEachOutsideRead(OutsideReads each) {
        for (int i = 0; i < shapes; i++) {
            if (outsideReads[i] > 0) {
                each.accept(collections[i], outsideReads[i], outsideNanos[i]);
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
