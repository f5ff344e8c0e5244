package net.bytebuddy.agent.builder;

import java.lang.instrument.ClassFileTransformer;
import java.security.PrivilegedAction;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Stands in for Byte Buddy's {@code AgentBuilder.Default.ExecutingTransformer.Factory.CreationAction} in the
 * agent jar: the build relocates this class to that name and leaves the original out (see the shade plugin's
 * configuration), as it replaces the Prometheus client's {@code Scheduler}. Byte Buddy runs on Java 5, so its
 * transformer cannot declare {@link ClassFileTransformer}'s {@code Module}-aware {@code transform}: the original
 * action generated a subclass that does, with Byte Buddy itself, when the transformer's class first initialised.
 * That was about a third of the agent's start-up on its preparing thread (a subclass with its whole method
 * graph, a class loader to define it in), and the premain waited for it. The agent runs on Java 17: {@link
 * ModuleAwareExecutingTransformer} is that subclass, compiled. Same factory, same behaviour.
 */
public final class ModuleSupportCreationAction
        implements PrivilegedAction<AgentBuilder.Default.ExecutingTransformer.Factory> {
    public static final ModuleSupportCreationAction INSTANCE = new ModuleSupportCreationAction();

    private ModuleSupportCreationAction() {
    }

    @Override
    public AgentBuilder.Default.ExecutingTransformer.Factory run() {
        try {
            return new AgentBuilder.Default.ExecutingTransformer.Factory.ForJava9CapableVm(
                    ModuleAwareExecutingTransformer.class.getDeclaredConstructor(ByteBuddy.class,
                            AgentBuilder.Listener.class, AgentBuilder.PoolStrategy.class, AgentBuilder.TypeStrategy.class,
                            AgentBuilder.LocationStrategy.class, ClassFileLocator.class,
                            AgentBuilder.Default.NativeMethodStrategy.class, AgentBuilder.InitializationStrategy.class,
                            AgentBuilder.InjectionStrategy.class, AgentBuilder.LambdaInstrumentationStrategy.class,
                            AgentBuilder.DescriptionStrategy.class, AgentBuilder.FallbackStrategy.class,
                            AgentBuilder.ClassFileBufferStrategy.class, AgentBuilder.InstallationListener.class,
                            AgentBuilder.RawMatcher.class, AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer.class,
                            List.class, AgentBuilder.CircularityLock.class));
        } catch (Exception e) {
            return AgentBuilder.Default.ExecutingTransformer.Factory.ForLegacyVm.INSTANCE;
        }
    }
}
