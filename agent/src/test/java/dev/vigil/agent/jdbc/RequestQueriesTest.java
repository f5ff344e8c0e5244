package dev.vigil.agent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestQueriesTest {

    @Test
    void keepsEveryShapeUpToTheCapAndCountsEachExecution() {
        RequestQueries queries = new RequestQueries();
        for (int round = 0; round < 3; round++) {
            for (int shape = 0; shape < RequestQueries.MAX_SHAPES + 8; shape++) {
                queries.add("SELECT * FROM t" + shape + " WHERE id = ?", "t" + shape, 10, shape % 2 == 0);
            }
        }

        assertThat(queries.count).as("every execution counts, kept shape or not").isEqualTo(3 * (RequestQueries.MAX_SHAPES + 8));
        assertThat(queries.nanos()).isEqualTo(30L * (RequestQueries.MAX_SHAPES + 8));
        assertThat(queries.repeatedAtLeast(3)).as("the first MAX_SHAPES shapes, each three times")
                .hasSize(RequestQueries.MAX_SHAPES).allMatch(repeated -> repeated.count() == 3);
        Map<String, Integer> outside = new HashMap<>();
        queries.forEachOutsideRead((collection, reads, nanos) -> outside.merge(collection, reads, Integer::sum));
        assertThat(outside).hasSize(RequestQueries.MAX_SHAPES / 2).containsEntry("t0", 3).containsEntry("t30", 3);
    }

    @Test
    void aFewShapesNeedNoGrowth() {
        RequestQueries queries = new RequestQueries();
        queries.add("SELECT a", "a", 5);
        queries.add("SELECT a", "a", 5);
        queries.add("SELECT b", "b", 5);

        assertThat(queries.count).isEqualTo(3);
        assertThat(queries.repeatedAtLeast(2)).singleElement().satisfies(repeated -> assertThat(repeated.count()).isEqualTo(2));
    }
}
