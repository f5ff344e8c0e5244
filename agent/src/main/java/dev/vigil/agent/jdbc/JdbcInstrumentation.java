package dev.vigil.agent.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
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
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * JDBC at the {@code java.sql} interfaces, so any driver and any pool wrapper is covered. A pool's
 * proxy and the driver underneath both match; the recorder's re-entrance guard counts the outer call once.
 *
 * <p>Advice goes into the methods a class declares, so a driver whose statement methods live in an abstract
 * base class that does not itself implement {@code Statement} (sqlite-jdbc's {@code JDBC3Statement}, under the
 * {@code JDBC4Statement} that does) would keep its plain statements out of sight. Such a base is matched by
 * what it declares: {@code executeQuery(String)} returning a {@code ResultSet}, and {@code executeUpdate(String)}.
 * It loads before its subclass, and nothing else says that it is a statement.
 */
public final class JdbcInstrumentation implements TypeInstrumentation {
    private static final String PACKAGE = JdbcInstrumentation.class.getPackageName() + ".";
    /** {@code executeQuery(String)}'s descriptor: the start-up filter finds it in a statement base's constant pool. */
    private static final String EXECUTE_QUERY_DESCRIPTOR = "(Ljava/lang/String;)Ljava/sql/ResultSet;";
    /** An abstract class that declares {@code Statement}'s execute methods without implementing it. */
    static final ElementMatcher.Junction<TypeDescription> STATEMENT_BASE = isAbstract()
            .<TypeDescription>and(not(hasSuperType(named("java.sql.Statement"))))
            .and(declaresMethod(isPublic().and(named("executeQuery")).and(takesArguments(String.class))
                    .and(returns(named("java.sql.ResultSet")))))
            .and(declaresMethod(isPublic().and(named("executeUpdate")).and(takesArguments(String.class))));
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
        return MatchedTypes.named("java.sql.Statement", "java.sql.Connection").orHolding(EXECUTE_QUERY_DESCRIPTOR);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        ElementMatcher.Junction<MethodDescription> concrete = isPublic().and(not(isAbstract()));
        return builder
                .type(LibraryPackages.outsideLibrariesWithoutJdbc().and(not(isInterface()))
                        .and(hasSuperType(named("java.sql.Statement")).or(STATEMENT_BASE)))
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
