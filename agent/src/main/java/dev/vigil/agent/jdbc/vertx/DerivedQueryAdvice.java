package dev.vigil.agent.jdbc.vertx;

import dev.vigil.agent.jdbc.bridge.JdbcHooks;
import net.bytebuddy.asm.Advice;

/** A Vert.x SQL query's {@code mapping(...)} and {@code collecting(...)}: the query returned runs the same SQL. */
public final class DerivedQueryAdvice {
    private DerivedQueryAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object query, @Advice.Return Object derived) {
        JdbcHooks.SLOT.get().derivedQuery(query, derived);
    }
}
