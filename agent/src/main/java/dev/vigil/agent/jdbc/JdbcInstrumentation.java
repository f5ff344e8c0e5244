package dev.vigil.agent.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.vigil.agent.core.instrument.AdviceSource;
import dev.vigil.agent.core.instrument.LibraryPackages;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.jdbc.explain.ExplainInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JDBC at the {@code java.sql} interfaces, so any driver and any pool wrapper is covered. A pool's
 * proxy and the driver underneath both match; the recorder's re-entrance guard counts the outer call once.
 */
public final class JdbcInstrumentation implements TypeInstrumentation {
    private static final String PACKAGE = JdbcInstrumentation.class.getPackageName() + ".";
    private final boolean auditParameters;

    public JdbcInstrumentation() {
        this(false);
    }

    /** With {@code auditParameters}, the values set on prepared statements reach the index audit when it wants them. */
    public JdbcInstrumentation(boolean auditParameters) {
        this.auditParameters = auditParameters;
    }


    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named("java.sql.Statement", "java.sql.Connection");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        ElementMatcher.Junction<MethodDescription> concrete = isPublic().and(not(isAbstract()));
        return builder
                .type(LibraryPackages.outsideLibrariesWithoutJdbc().and(not(isInterface()))
                        .and(hasSuperType(named("java.sql.Statement"))))
                .transform(advice.transformer()
                        .advice(concrete.and(namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate"))
                                .and(takesArgument(0, String.class)), PACKAGE + "ExecuteSqlAdvice")
                        .advice(concrete.and(namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate"))
                                .and(takesArguments(0)), PACKAGE + "ExecutePreparedAdvice")
                        .advice(concrete.and(namedOneOf("executeBatch", "executeLargeBatch")).and(takesArguments(0)),
                                PACKAGE + "ExecuteBatchAdvice")
                        .advice(concrete.and(named("addBatch")).and(takesArguments(1)).and(takesArgument(0, String.class)),
                                PACKAGE + "AddBatchAdvice")
                        .advice(concrete.and(named("close")).and(takesArguments(0)), PACKAGE + "CloseAdvice")
                        // In this transformation, not one of its own: the first transformation matching a type is the only one applied.
                        .advice(auditParameters ? concrete.and(takesArguments(2)).and(takesArgument(0, int.class))
                                .and(ExplainInstrumentation.PARAMETER_SETTERS) : none(), ExplainInstrumentation.PARAMETER_ADVICE))
                .type(LibraryPackages.outsideLibrariesWithoutJdbc().and(not(isInterface()))
                        .and(hasSuperType(named("java.sql.Connection"))))
                .transform(advice.transformer()
                        .advice(concrete.and(namedOneOf("prepareStatement", "prepareCall"))
                                .and(takesArgument(0, String.class))
                                .and(returns(hasSuperType(named("java.sql.Statement")))), PACKAGE + "PrepareAdvice"));
    }
}
