package dev.vigil.agent.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Read replica candidates: per route, the tables it reads outside a transaction (auto-commit
 * {@code SELECT}s, which a replica could serve without changing what the request sees), and their share
 * of the route's database time. Bounded: at most {@value #MAX_ROUTES} routes of {@value #MAX_TABLES} tables.
 */
public final class ReplicaCandidates {
    static final int MAX_ROUTES = 500;
    static final int MAX_TABLES = 50;

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /**
     * One route's numbers, added to by every request of the route at once: no lock (a monitor per route made
     * its requests queue behind a preempted holder), and the route itself takes the request's reads, so
     * adding them makes no lambda.
     */
    private static final class Route implements RequestQueries.OutsideReads {
        final LongAdder dbNanos = new LongAdder();
        final Map<String, LongAdder[]> tables = new ConcurrentHashMap<>();

        @Override
        public void accept(String collection, int reads, long nanos) {
            LongAdder[] table = tables.get(collection);
            if (table == null) {
                if (tables.size() >= MAX_TABLES) {
                    return;
                }
                table = tables.computeIfAbsent(collection, c -> new LongAdder[] {new LongAdder(), new LongAdder()});
            }
            table[0].add(reads);
            table[1].add(nanos);
        }
    }

    void onRequest(String route, RequestQueries request) {
        Route stats = routes.get(route);
        if (stats == null) {
            if (routes.size() >= MAX_ROUTES) {
                return;
            }
            stats = routes.computeIfAbsent(route, r -> new Route());
        }
        stats.dbNanos.add(request.nanos());
        request.forEachOutsideRead(stats);
    }

    /** Route and table pairs by the time their outside-transaction reads took, most first. */
    public List<Map<String, Object>> top(int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        routes.forEach((route, stats) -> {
            long dbNanos = stats.dbNanos.sum();
            stats.tables.forEach((table, counts) -> {
                long nanos = counts[1].sum();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("http_route", route);
                row.put("db_collection_name", table);
                row.put("reads", counts[0].sum());
                row.put("seconds", nanos / 1e9);
                row.put("share_of_route_db_time", dbNanos == 0 ? 0.0 : Math.min(1.0, (double) nanos / dbNanos));
                rows.add(row);
            });
        });
        rows.sort(Comparator.comparingDouble((Map<String, Object> row) -> (Double) row.get("seconds")).reversed());
        return rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }
}
