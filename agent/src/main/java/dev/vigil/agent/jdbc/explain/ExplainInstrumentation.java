package dev.vigil.agent.jdbc.explain;

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
import dev.vigil.agent.core.instrument.LibraryPackages;
import dev.vigil.agent.core.instrument.MatchedTypes;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import java.util.Properties;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Installed only with {@code vigil.db.explain.enabled}: the drivers' {@code connect}, so the audit can open
 * a connection of its own. The prepared statements' value setters, so that a plan is made with the values
 * of a real execution, are advised by {@code JdbcInstrumentation} with {@link #PARAMETER_ADVICE}.
 */
public final class ExplainInstrumentation implements TypeInstrumentation {
    private static final String PACKAGE = ExplainInstrumentation.class.getPackageName() + ".";
    /** The advice of {@link #PARAMETER_SETTERS}, applied by the JDBC statement instrumentation (one transformation per type). */
    public static final String PARAMETER_ADVICE = PACKAGE + "ParameterAdvice";
    public static final ElementMatcher.Junction<MethodDescription> PARAMETER_SETTERS = namedOneOf("setString", "setInt",
            "setLong", "setShort", "setByte", "setBoolean", "setDouble", "setFloat", "setBigDecimal", "setDate", "setTime",
            "setTimestamp", "setObject", "setNString");

    @Override
    public MatchedTypes matchedTypes() {
        return MatchedTypes.named("java.sql.Driver");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, AdviceSource advice) {
        return builder
                .type(LibraryPackages.outsideLibrariesWithoutJdbc().and(not(isInterface()))
                        .and(hasSuperType(named("java.sql.Driver"))))
                .transform(advice.transformer()
                        .advice(isPublic().and(not(isAbstract())).and(named("connect")).and(takesArguments(2))
                                .and(takesArgument(0, String.class)).and(takesArgument(1, Properties.class))
                                .and(returns(hasSuperType(named("java.sql.Connection")))), PACKAGE + "DriverConnectAdvice"));
    }
}
