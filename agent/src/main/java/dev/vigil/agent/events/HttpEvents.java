package dev.vigil.agent.events;

import dev.vigil.agent.http.EndedRequest;
import dev.vigil.agent.http.RequestListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Events marked by an HTTP route: looked up by the request's route label, so a request on a route no
 * event names costs one map lookup. Outcome: {@code error} for 4xx, 5xx or an exception, else
 * {@code success}.
 */
public final class HttpEvents implements RequestListener {
    private final Map<String, Entry[]> byRoute;

    private record Entry(EventRule.Http rule, BusinessEvents.Meters meters) {
    }

    public HttpEvents(List<EventRule.Http> rules, BusinessEvents events) {
        Map<String, List<Entry>> grouped = new HashMap<>();
        for (EventRule.Http rule : rules) {
            grouped.computeIfAbsent(rule.route(), r -> new ArrayList<>()).add(new Entry(rule, events.declare(rule.event())));
        }
        Map<String, Entry[]> byRoute = new HashMap<>();
        grouped.forEach((route, entries) -> byRoute.put(route, entries.toArray(new Entry[0])));
        this.byRoute = Map.copyOf(byRoute);
    }

    @Override
    public void ended(EndedRequest request) {
        onRequest(request.method(), request.route(), request.status(), request.failed());
    }

    /** A request ended: {@code method} normalised, {@code route} as in the {@code http_route} label. */
    public void onRequest(String method, String route, int status, boolean failed) {
        Entry[] entries = byRoute.get(route);
        if (entries == null) {
            return;
        }
        boolean success = !failed && status < 400;
        for (Entry entry : entries) {
            if (entry.rule.matches(method, status)) {
                entry.meters.count(success);
            }
        }
    }
}
