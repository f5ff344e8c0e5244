package dev.vigil.agent.events;

import java.util.List;

/**
 * One business event declared in {@code vigil.yaml}: what marks it, and where it was declared (file and
 * line) for every message about it.
 */
public sealed interface EventRule {
    String event();

    String where();

    /** {@code http: "POST /checkout"}, {@code status: 2xx}: a request on a route ended with a status. */
    record Http(String event, String method, String route, List<StatusRange> statuses, String where) implements EventRule {
        /** True when a request with this method, route label and status marks the event. */
        boolean matches(String requestMethod, int status) {
            if (method != null && !method.equals(requestMethod)) {
                return false;
            }
            if (statuses.isEmpty()) {
                return true;
            }
            for (StatusRange range : statuses) {
                if (range.contains(status)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code method: "com.shop.OrderService#placeOrder"}: every call, success when it returns, error when it throws. */
    record Method(String event, String className, String methodName, String where) implements EventRule {
    }

    /** {@code log: { logger: "com.shop.Signup", message: "User * signed up" }}: a log event of that logger and message. */
    record Log(String event, String logger, Glob message, String where) implements EventRule {
    }

    /** {@code 2xx} or {@code 404}: an inclusive range of status codes. */
    record StatusRange(int from, int to) {
        boolean contains(int status) {
            return status >= from && status <= to;
        }
    }
}
