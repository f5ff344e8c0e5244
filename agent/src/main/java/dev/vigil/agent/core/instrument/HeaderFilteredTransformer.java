package dev.vigil.agent.core.instrument;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Byte Buddy's transformer behind the {@link ClassHeaderFilter}: a class being loaded that no
 * instrumentation can match is returned untouched before Byte Buddy describes it. Retransformations (the
 * JDK types at start-up, everything when attached at run time) go straight to Byte Buddy. If the filter
 * itself fails, the class goes to Byte Buddy too: the filter can only save work, never lose a match.
 */
public final class HeaderFilteredTransformer extends ResettableClassFileTransformer.WithDelegation {
    private final ClassHeaderFilter filter;

    private HeaderFilteredTransformer(ResettableClassFileTransformer byteBuddy, ClassHeaderFilter filter) {
        super(byteBuddy);
        this.filter = filter;
    }

    public static AgentBuilder.TransformerDecorator decorator(ClassHeaderFilter filter) {
        return byteBuddy -> new HeaderFilteredTransformer(byteBuddy, filter);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) throws IllegalClassFormatException {
        if (cannotMatch(loader, className, redefined, classFile)) {
            return null;
        }
        return classFileTransformer.transform(loader, className, redefined, domain, classFile);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) throws IllegalClassFormatException {
        if (cannotMatch(loader, className, redefined, classFile)) {
            return null;
        }
        return classFileTransformer.transform(module, loader, className, redefined, domain, classFile);
    }

    private boolean cannotMatch(ClassLoader loader, String className, Class<?> redefined, byte[] classFile) {
        if (redefined != null || className == null) {
            return false;
        }
        try {
            return !filter.mayMatch(loader, className, classFile);
        } catch (Throwable t) {
            return false;
        }
    }
}
