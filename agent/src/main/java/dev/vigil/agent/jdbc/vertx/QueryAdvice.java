package dev.vigil.agent.jdbc.vertx;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** A Vert.x SQL client's {@code query(sql)} and {@code preparedQuery(sql...)}: the query returned is named by it. */
public final class QueryAdvice {
    private QueryAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object client, @Advice.Argument(0) String sql, @Advice.Return Object query) {
        JdbcHooks.SLOT.get().clientQuery(client, query, sql);
    }
}
