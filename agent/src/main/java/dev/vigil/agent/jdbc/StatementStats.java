package dev.vigil.agent.jdbc;

import dev.vigil.agent.core.metrics.LatencyBuckets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The statement shapes that cost the most, kept in memory for the overview page and
 * {@code /vigil/queries}: count, total and maximum time, and a p99 from fixed buckets. At most
 * {@code capacity} shapes are kept; a new shape then replaces the one with the least total time, so a
 * flood of one-off statements cannot grow the heap and the expensive shapes stay.
 */
public final class StatementStats {
    private static final double[] BOUNDS_SECONDS = LatencyBuckets.DB.stream()
            .mapToDouble(d -> d.toNanos() / 1e9).toArray();

    private final int capacity;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public StatementStats(int capacity) {
        this.capacity = capacity;
    }

    void record(String statement, String system, String operation, String collection, long nanos) {
        record(null, statement, system, operation, collection, nanos);
    }

    /**
     * As {@link #record(String, String, String, String, long)}; {@code kept} is the entry this returned for
     * the same statement before (or null), used while it is still kept. Returns the entry recorded into.
     */
    Entry record(Entry kept, String statement, String system, String operation, String collection, long nanos) {
        if (kept != null && kept.owner == this && !kept.evicted) {
            kept.add(nanos);
            return kept;
        }
        Entry entry = entries.get(statement);
        if (entry == null) {
            synchronized (this) {
                entry = entries.get(statement);
                if (entry == null) {
                    if (entries.size() >= capacity) {
                        evictCheapest();
                    }
                    entry = new Entry(this, statement, system, operation, collection);
                    entries.put(statement, entry);
                }
            }
        }
        entry.add(nanos);
        return entry;
    }

    private void evictCheapest() {
        Entry cheapest = null;
        for (Entry each : entries.values()) {
            if (cheapest == null || each.totalNanos() < cheapest.totalNanos()) {
                cheapest = each;
            }
        }
        if (cheapest != null) {
            cheapest.evicted = true;
            entries.remove(cheapest.statement);
        }
    }

    int size() {
        return entries.size();
    }

    /** The {@code limit} shapes with the most total time, most expensive first. */
    public List<Map<String, Object>> top(int limit) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::totalNanos).reversed());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Entry entry : sorted.subList(0, Math.min(limit, sorted.size()))) {
            top.add(entry.snapshot());
        }
        return top;
    }

    /**
     * One shape's numbers. Every thread running the shape adds to the same entry, so nothing here takes a
     * lock: a monitor shared by all the requests of a route made them queue behind a preempted holder.
     * A snapshot reads each number on its own, which a page of top statements can afford.
     */
    static final class Entry {
        final StatementStats owner;
        /** No longer among the kept entries: a caller holding it looks the statement up again. */
        volatile boolean evicted;
        final String statement;
        final String system;
        final String operation;
        final String collection;
        private final LongAdder totalNanos = new LongAdder();
        private final AtomicLong maxNanos = new AtomicLong();
        private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_SECONDS.length + 1);

        Entry(StatementStats owner, String statement, String system, String operation, String collection) {
            this.owner = owner;
            this.statement = statement;
            this.system = system;
            this.operation = operation;
            this.collection = collection;
        }

        void add(long nanos) {
            totalNanos.add(nanos);
            long max = maxNanos.get();
            while (nanos > max && !maxNanos.compareAndSet(max, nanos)) {
                max = maxNanos.get();
            }
            double seconds = nanos / 1e9;
            int i = 0;
            while (i < BOUNDS_SECONDS.length && seconds > BOUNDS_SECONDS[i]) {
                i++;
            }
            buckets.incrementAndGet(i);
        }

        long totalNanos() {
            return totalNanos.sum();
        }

        Map<String, Object> snapshot() {
            long[] counts = new long[buckets.length()];
            long n = 0;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = buckets.get(i);
                n += counts[i];
            }
            long total = totalNanos.sum();
            long max = maxNanos.get();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("statement", statement);
            out.put("db_system_name", system);
            out.put("db_operation_name", operation);
            out.put("db_collection_name", collection);
            out.put("count", n);
            out.put("total_seconds", total / 1e9);
            out.put("mean_seconds", n == 0 ? 0 : total / 1e9 / n);
            out.put("p99_seconds", quantile(0.99, counts, n, max));
            out.put("max_seconds", max / 1e9);
            return out;
        }

        /** Linear interpolation inside the bucket holding the rank, as Prometheus' histogram_quantile does. */
        private static double quantile(double q, long[] buckets, long count, long maxNanos) {
            double rank = q * count;
            long seen = 0;
            for (int i = 0; i < buckets.length; i++) {
                if (seen + buckets[i] >= rank && buckets[i] > 0) {
                    double lower = i == 0 ? 0 : BOUNDS_SECONDS[i - 1];
                    double upper = i < BOUNDS_SECONDS.length ? BOUNDS_SECONDS[i] : maxNanos / 1e9;
                    return Math.min(lower + (upper - lower) * (rank - seen) / buckets[i], maxNanos / 1e9);
                }
                seen += buckets[i];
            }
            return maxNanos / 1e9;
        }
    }
}
