package dev.vigil.it.support;

import static dev.vigil.it.support.Contract.DB_COUNT;
import static dev.vigil.it.support.Contract.DB_QUERIES_PER_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a server's requests ran on the database, as the agent counts it: shared by the reactive stacks' tests. */
public final class DbChecks {
    private static final int THREADS = 8;

    private DbChecks() {
    }

    /**
     * Sends {@code requests} GET requests from 8 threads to {@code path(i)}, each answered 200, and checks that each
     * ran exactly one execution of {@code statements}, counted to its request under {@code route}.
     */
    public static void oneStatementPerRequest(int appPort, int metricsPort, int requests, IntFunction<String> path,
                                              Map<String, String> route, Map<String, String> statements) {
        Scrape before = Scrape.fetch(metricsPort);

        Map<Integer, Integer> statuses = Http.hammer(requests, THREADS, i -> Http.request(appPort, path.apply(i)).GET().build());

        assertThat(statuses).isEqualTo(Map.of(200, requests));
        Scrape after = Scrape.awaitValue(metricsPort, DB_QUERIES_PER_REQUEST + "_count", route,
                before.value(DB_QUERIES_PER_REQUEST + "_count", route) + requests);
        assertThat(after.value(DB_COUNT, statements) - before.value(DB_COUNT, statements))
                .as("one execution per request%s", after.lines(DB_COUNT)).isEqualTo(requests);
        assertThat(after.value(DB_QUERIES_PER_REQUEST + "_sum", route) - before.value(DB_QUERIES_PER_REQUEST + "_sum", route))
                .as("each counted to its request%s", after.lines(DB_QUERIES_PER_REQUEST)).isEqualTo(requests);
    }

    /** The distinct trace ids of the lines {@code "<message> trace_id=<id>"} of a plain-text log. */
    public static List<String> tracesOfLines(String output, String message) {
        Pattern traced = Pattern.compile(Pattern.quote(message) + " trace_id=([0-9a-f]{32})");
        return output.lines().map(traced::matcher).filter(Matcher::matches).map(m -> m.group(1)).distinct().toList();
    }
}
