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

    /**
     * The types {@link #extend}'s matchers can match, for the start-up pre-filter: every class it may
     * transform must be named here, be a subtype of one named, or carry (or inherit from a type that carries)
     * an annotation named here. {@link MatchedTypes#ANY} turns the pre-filter off for every instrumentation.
     */
    default MatchedTypes matchedTypes() {
        return MatchedTypes.ANY;
    }
}
