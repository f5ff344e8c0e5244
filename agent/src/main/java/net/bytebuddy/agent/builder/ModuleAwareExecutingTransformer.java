package net.bytebuddy.agent.builder;

import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Byte Buddy's transformer with the {@code Module}-aware {@code transform} the JVM calls on Java 9 and later,
 * which hands the class's module on, as the subclass Byte Buddy would otherwise generate at start-up does
 * (see {@link ModuleSupportCreationAction}).
 */
public final class ModuleAwareExecutingTransformer extends AgentBuilder.Default.ExecutingTransformer {
    public ModuleAwareExecutingTransformer(ByteBuddy byteBuddy, AgentBuilder.Listener listener,
                                           AgentBuilder.PoolStrategy poolStrategy, AgentBuilder.TypeStrategy typeStrategy,
                                           AgentBuilder.LocationStrategy locationStrategy, ClassFileLocator classFileLocator,
                                           AgentBuilder.Default.NativeMethodStrategy nativeMethodStrategy,
                                           AgentBuilder.InitializationStrategy initializationStrategy,
                                           AgentBuilder.InjectionStrategy injectionStrategy,
                                           AgentBuilder.LambdaInstrumentationStrategy lambdaInstrumentationStrategy,
                                           AgentBuilder.DescriptionStrategy descriptionStrategy,
                                           AgentBuilder.FallbackStrategy fallbackStrategy,
                                           AgentBuilder.ClassFileBufferStrategy classFileBufferStrategy,
                                           AgentBuilder.InstallationListener installationListener,
                                           AgentBuilder.RawMatcher ignoreMatcher,
                                           AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer resubmissionEnforcer,
                                           List<AgentBuilder.Default.Transformation> transformations,
                                           AgentBuilder.CircularityLock circularityLock) {
        super(byteBuddy, listener, poolStrategy, typeStrategy, locationStrategy, classFileLocator, nativeMethodStrategy,
                initializationStrategy, injectionStrategy, lambdaInstrumentationStrategy, descriptionStrategy,
                fallbackStrategy, classFileBufferStrategy, installationListener, ignoreMatcher, resubmissionEnforcer,
                transformations, circularityLock);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classFile) {
        return transform((Object) module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }
}
