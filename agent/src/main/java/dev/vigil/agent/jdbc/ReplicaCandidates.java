package dev.vigil.agent.jdbc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read replica candidates: per route, the tables it reads outside a transaction (auto-commit
 * {@code SELECT}s, which a replica could serve without changing what the request sees), and their share
 * of the route's database time. Bounded: at most {@value #MAX_ROUTES} routes of {@value #MAX_TABLES} tables.
 */
public final class ReplicaCandidates {
    static final int MAX_ROUTES = 500;
    static final int MAX_TABLES = 50;

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    private static final class Route {
        long dbNanos;
        final Map<String, long[]> tables = new LinkedHashMap<>();
    }

    void onRequest(String route, RequestQueries request) {
        Route stats = routes.get(route);
        if (stats == null) {
            if (routes.size() >= MAX_ROUTES) {
                return;
            }
            stats = routes.computeIfAbsent(route, r -> new Route());
        }
        long requestNanos = request.nanos();
        Route target = stats;
        synchronized (target) {
            target.dbNanos += requestNanos;
            request.forEachOutsideRead((collection, reads, nanos) -> {
                long[] table = target.tables.get(collection);
                if (table == null) {
                    if (target.tables.size() >= MAX_TABLES) {
                        return;
                    }
                    table = new long[2];
                    target.tables.put(collection, table);
                }
                table[0] += reads;
                table[1] += nanos;
            });
        }
    }

    /** Route and table pairs by the time their outside-transaction reads took, most first. */
    public List<Map<String, Object>> top(int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        routes.forEach((route, stats) -> {
            synchronized (stats) {
                stats.tables.forEach((table, counts) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("http_route", route);
                    row.put("db_collection_name", table);
                    row.put("reads", counts[0]);
                    row.put("seconds", counts[1] / 1e9);
                    row.put("share_of_route_db_time", stats.dbNanos == 0 ? 0.0 : (double) counts[1] / stats.dbNanos);
                    rows.add(row);
                });
            }
        });
        rows.sort(Comparator.comparingDouble((Map<String, Object> row) -> (Double) row.get("seconds")).reversed());
        return rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }
}
