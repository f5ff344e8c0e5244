package dev.vigil.agent.core.instrument;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One instrumented library: which types and methods to match, and which advice to inline there. The
 * advice class is named, not loaded, because it refers to library types the agent's own class loader
 * cannot see. Transformers come from {@link AdviceSource#transformer()}, which adds the feature's guard.
 */
public interface TypeInstrumentation {
    AgentBuilder extend(AgentBuilder builder, AdviceSource advice);

    /**
     * JDK classes this instrumentation changes. The JDK is otherwise left alone; these are let through and,
     * being loaded before the agent, retransformed.
     */
    default List<String> jdkTypes() {
        return List.of();
    }
}
