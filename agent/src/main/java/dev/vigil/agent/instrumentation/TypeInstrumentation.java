package dev.vigil.agent.instrumentation;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One instrumented library: which types and methods to match, and which advice to inline there. The
 * advice class is named, not loaded, because it refers to library types the agent's own class loader
 * cannot see.
 */
public interface TypeInstrumentation {
    /** Short name used in log lines and in {@code vigil_agent_errors_total{component}}. */
    String name();

    AgentBuilder extend(AgentBuilder builder, ClassLoader adviceLoader);

    /**
     * JDK classes this instrumentation changes. The JDK is otherwise left alone; these are let through and,
     * being loaded before the agent, retransformed.
     */
    default List<String> jdkTypes() {
        return List.of();
    }
}
