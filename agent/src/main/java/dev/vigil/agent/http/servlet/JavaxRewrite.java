package dev.vigil.agent.http.servlet;

import dev.vigil.agent.core.instrument.AdviceSource;
import java.util.Map;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * The {@code javax.servlet} advice, made from {@link ServletAdvice} by renaming its servlet types: the two
 * namespaces have the same API, so one source serves both and they cannot drift apart. Made once, when the
 * instrumentation is installed; the class never exists outside Byte Buddy's advice reader.
 */
final class JavaxRewrite {
    static final String NAME = JavaxRewrite.class.getPackageName() + ".JavaxServletAdvice";

    private JavaxRewrite() {
    }

    static ClassFileLocator locator(AdviceSource advice, String jakartaAdvice) {
        String from = jakartaAdvice.replace('.', '/');
        String to = NAME.replace('.', '/');
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(advice.classFile(jakartaAdvice)).accept(new ClassRemapper(writer, new Remapper(Opcodes.ASM9) {
            @Override
            public String map(String internalName) {
                if (internalName.equals(from)) {
                    return to;
                }
                return internalName.startsWith("jakarta/servlet/")
                        ? "javax/servlet/" + internalName.substring("jakarta/servlet/".length()) : internalName;
            }
        }), 0);
        return new ClassFileLocator.Simple(Map.of(NAME, writer.toByteArray()));
    }
}
