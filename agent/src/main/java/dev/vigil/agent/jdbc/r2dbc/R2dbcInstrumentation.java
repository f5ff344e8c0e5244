package dev.vigil.agent.jdbc.r2dbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPrimitive;
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
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * R2DBC at its SPI, so any driver and any proxy of one (a pool's, Spring's) is covered: the SQL of
 * {@code Connection#createStatement(String)} names the statement, as {@code prepareStatement} does for JDBC, and
 * {@code Statement#execute()}'s publisher is timed per subscription ({@code ReactiveExecution}, which keeps to the
 * type the method declares: a driver may narrow it to {@code Flux<H2Result>}). A connection factory's connection
 * and a result's rows arrive under the trace context they were asked for in: a pool's new connection and every row
 * come from the driver's event loop, where the statements and log lines that follow would otherwise belong to no
 * request.
 */
public final class R2dbcInstrumentation implements TypeInstrumentation {
    private static final String STATEMENT = "io.r2dbc.spi.Statement";
    private static final String CONNECTION = "io.r2dbc.spi.Connection";
    private static final String CONNECTION_FACTORY = "io.r2dbc.spi.ConnectionFactory";
    private static final String RESULT = "io.r2dbc.spi.Result";
    private static final String JDBC = "dev.vigil.agent.jdbc.";

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named(STATEMENT, CONNECTION, CONNECTION_FACTORY, RESULT);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(not(isInterface()).and(hasSuperType(named(STATEMENT))))
                .transform(advice.transformer()
                        .advice(publishing().and(named("execute")).and(takesArguments(0)), ExecuteAdvice.class.getName()))
                .type(not(isInterface()).and(hasSuperType(named(CONNECTION))))
                .transform(advice.transformer()
                        .advice(isPublic().and(not(isAbstract())).and(named("createStatement")).and(takesArguments(1))
                                .and(takesArgument(0, String.class)), JDBC + "PrepareAdvice"))
                .type(not(isInterface()).and(hasSuperType(named(CONNECTION_FACTORY))))
                .transform(advice.transformer()
                        .advice(publishing().and(named("create")).and(takesArguments(0)), TracedAdvice.class.getName()))
                .type(not(isInterface()).and(hasSuperType(named(RESULT))))
                .transform(advice.transformer()
                        .advice(publishing().and(namedOneOf("map", "flatMap").and(takesArguments(1))
                                .or(named("getRowsUpdated").and(takesArguments(0)))), TracedAdvice.class.getName()));
    }

    /** A method that returns an object, which the advice may replace with a publisher of the same type. */
    private static ElementMatcher.Junction<MethodDescription> publishing() {
        return isPublic().and(not(isAbstract())).and(returns(not(isPrimitive())));
    }
}
