package dev.vigil.agent.jdbc.vertx;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The Vert.x SQL client (the reactive PostgreSQL, MySQL, MSSQL, Oracle and DB2 clients) at its API: a client's
 * {@code query(sql)} and {@code preparedQuery(sql)} name the query they return, as {@code prepareStatement} does
 * for JDBC ({@code mapping} and {@code collecting} keep its name), and each {@code execute} or {@code executeBatch}
 * is one execution, ended when the {@code Future} it returns completes, or by the callback it takes (Vert.x 4's, which
 * Quarkus' Mutiny clients call).
 */
public final class VertxSqlInstrumentation implements TypeInstrumentation {
    private static final String CLIENT = "io.vertx.sqlclient.SqlClient";
    private static final String QUERY = "io.vertx.sqlclient.Query";
    private static final String FUTURE = "io.vertx.core.Future";
    private static final String HANDLER = "io.vertx.core.Handler";
    private static final String TUPLE = "io.vertx.sqlclient.Tuple";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(CLIENT, QUERY);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        ElementMatcher.Junction<MethodDescription> concrete = isPublic().and(not(isAbstract()));
        return builder
                .type(not(isInterface()).and(hasSuperType(named(CLIENT))))
                .transform(advice.transformer()
                        .advice(concrete.and(namedOneOf("query", "preparedQuery")).and(takesArgument(0, String.class)),
                                QueryAdvice.class.getName()))
                .type(not(isInterface()).and(hasSuperType(named(QUERY))))
                .transform(advice.transformer()
                        .advice(concrete.and(namedOneOf("mapping", "collecting")).and(takesArguments(1)),
                                DerivedQueryAdvice.class.getName())
                        .advice(concrete.and(named("execute")).and(returns(named(FUTURE)))
                                .and(takesArguments(0).or(takesArguments(1).and(takesArgument(0, named(TUPLE))))),
                                ExecuteAdvice.class.getName())
                        .advice(concrete.and(named("executeBatch")).and(returns(named(FUTURE)))
                                .and(takesArguments(1)).and(takesArgument(0, List.class)), ExecuteBatchAdvice.class.getName())
                        .advice(concrete.and(named("execute")).and(takesArguments(1)).and(takesArgument(0, named(HANDLER))),
                                ExecuteCallbackAdvice.class.getName())
                        .advice(concrete.and(named("execute")).and(takesArguments(2)).and(takesArgument(0, named(TUPLE)))
                                .and(takesArgument(1, named(HANDLER))), ExecuteTupleCallbackAdvice.class.getName())
                        .advice(concrete.and(named("executeBatch")).and(takesArguments(2)).and(takesArgument(0, List.class))
                                .and(takesArgument(1, named(HANDLER))), ExecuteBatchCallbackAdvice.class.getName()));
    }
}
