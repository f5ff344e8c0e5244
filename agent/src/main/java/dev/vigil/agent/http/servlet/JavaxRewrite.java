package dev.vigil.agent.http.servlet;

import dev.vigil.agent.core.instrument.AdviceSource;
import java.util.function.Supplier;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;

/**
 * The {@code javax.servlet} advice, made from {@link ServletAdvice} by renaming its servlet types: the two
 * namespaces have the same API, so one source serves both and they cannot drift apart. Made once, the first
 * time Byte Buddy reads it, which is when it first advises a {@code javax} servlet or filter: an application
 * without them (most are on {@code jakarta} now) never pays for the rewrite, and none pays for it in the
 * premain. The class never exists outside Byte Buddy's advice reader.
 */
final class JavaxRewrite {
    static final String NAME = JavaxRewrite.class.getPackageName() + ".JavaxServletAdvice";

    private JavaxRewrite() {
    }

    static ClassFileLocator locator(AdviceSource advice, String jakartaAdvice) {
        return new OnFirstRead(() -> rewrite(advice.classFile(jakartaAdvice), jakartaAdvice));
    }

    static byte[] rewrite(byte[] jakartaClassFile, String jakartaAdvice) {
        String from = jakartaAdvice.replace('.', '/');
        String to = NAME.replace('.', '/');
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(jakartaClassFile).accept(new ClassRemapper(writer, new Remapper(Opcodes.ASM9) {
            @Override
            public String map(String internalName) {
                if (internalName.equals(from)) {
                    return to;
                }
                return internalName.startsWith("jakarta/servlet/")
                        ? "javax/servlet/" + internalName.substring("jakarta/servlet/".length()) : internalName;
            }
        }), 0);
        return writer.toByteArray();
    }

    /** Knows the one class {@link #NAME}, whose class file it makes when first asked for it. */
    static final class OnFirstRead implements ClassFileLocator {
        private final Supplier<byte[]> make;
        private volatile byte[] classFile;

        OnFirstRead(Supplier<byte[]> make) {
            this.make = make;
        }

        @Override
        public Resolution locate(String name) {
            if (!NAME.equals(name)) {
                return new Resolution.Illegal(name);
            }
            byte[] made = classFile;
            if (made == null) {
                made = make.get(); // two threads at once both make the same bytes: harmless
                classFile = made;
            }
            return new Resolution.Explicit(made);
        }

        @Override
        public void close() {
            // nothing held open
        }
    }
}
