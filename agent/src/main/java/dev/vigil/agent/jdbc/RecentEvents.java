package dev.vigil.agent.jdbc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last N+1 and slow-query events for the overview page, newest first. Bounded: when full, the oldest
 * event goes, so a service that has an N+1 on every request cannot grow the heap. The fields are the ones
 * the agent's log line carries (already sanitised: statement shapes, routes, trace IDs).
 */
public final class RecentEvents {
    public static final int CAPACITY = 50;

    private final int capacity;
    private final Deque<Map<String, Object>> events = new ArrayDeque<>();

    public RecentEvents() {
        this(CAPACITY);
    }

    RecentEvents(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps a copy of {@code fields}, stamped with the time it was added. */
    public void add(Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>(fields);
        event.put("time_ms", System.currentTimeMillis());
        synchronized (events) {
            if (events.size() >= capacity) {
                events.removeLast();
            }
            events.addFirst(event);
        }
    }

    public List<Map<String, Object>> newestFirst() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }
}
