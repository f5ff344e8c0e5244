package dev.vigil.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts every {@code bridge} package of the agent ({@code dev.vigil.agent.jdbc.bridge}, ...) into the
 * bootstrap class loader. Advice inlined into an application class resolves a feature's hooks through
 * that class's loader; every loader delegates to the bootstrap loader, so the hooks are found wherever
 * the application class lives. Bridge classes use only {@code java.base} types (the architecture test
 * checks it).
 *
 * <p>Only the bridges go there; the agent and its shaded libraries stay in the system class loader.
 * The classes are defined directly where the JVM allows it: appending a jar to the bootstrap class
 * path would switch off class-data sharing for every non-boot class (the JVM warns "Sharing is only
 * supported for boot loader classes"), which costs the application a second of start-up.
 */
final class BootstrapBridge {
    /** Written by the build: the entry of each class in a {@code bridge} package, one per line. */
    private static final String CLASS_LIST = "dev/vigil/agent/bridge-classes.list";

    private BootstrapBridge() {
    }

    static void install(Instrumentation instrumentation) throws IOException {
        File agentJar = agentJar();
        if (agentJar == null || !agentJar.isFile()) {
            // Running from classes (unit tests): the bridges are already visible on the class path.
            return;
        }
        Map<String, byte[]> classes = bridgeClasses(agentJar);
        if (!defineInBootLoader(instrumentation, classes)) {
            appendAsJar(instrumentation, classes);
        }
    }

    /**
     * Defines the classes with the JDK's internal Unsafe, exported to the agent through the
     * Instrumentation it was given (no command-line flag needed). False if this JVM does not allow it.
     */
    private static boolean defineInBootLoader(Instrumentation instrumentation, Map<String, byte[]> classes) {
        try {
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            instrumentation.redefineModule(unsafeType.getModule(), Set.of(),
                    Map.of("jdk.internal.misc", Set.of(BootstrapBridge.class.getModule())), Map.of(), Set.of(), Map.of());
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
            for (Map.Entry<String, byte[]> each : classes.entrySet()) {
                byte[] bytes = each.getValue();
                define.invoke(unsafe, each.getKey(), bytes, 0, bytes.length, null, null);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * The bridges' class files, outer classes before their nested ones (a superclass must be defined first). The build
     * lists their entries in {@link #CLASS_LIST}, which saves walking the jar's 5,000 entries to find them.
     */
    private static Map<String, byte[]> bridgeClasses(File agentJar) throws IOException {
        Map<String, byte[]> sorted = new TreeMap<>(Comparator.comparingInt(String::length).thenComparing(s -> s));
        try (JarFile source = new JarFile(agentJar)) {
            for (String name : read(source, CLASS_LIST).split("\n")) {
                if (!name.isBlank()) {
                    sorted.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), readBytes(source, name));
                }
            }
        }
        return new LinkedHashMap<>(sorted);
    }

    private static String read(JarFile source, String name) throws IOException {
        return new String(readBytes(source, name), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(JarFile source, String name) throws IOException {
        JarEntry entry = source.getJarEntry(name);
        if (entry == null) {
            throw new IOException(name + " is not in " + source.getName());
        }
        try (InputStream in = source.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static void appendAsJar(Instrumentation instrumentation, Map<String, byte[]> classes) throws IOException {
        Path bridgeJar = Files.createTempFile("vigil-bootstrap-", ".jar");
        bridgeJar.toFile().deleteOnExit();
        try (OutputStream file = Files.newOutputStream(bridgeJar); JarOutputStream target = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> each : classes.entrySet()) {
                target.putNextEntry(new JarEntry(each.getKey().replace('.', '/') + ".class"));
                target.write(each.getValue());
                target.closeEntry();
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bridgeJar.toFile()));
    }

    private static File agentJar() {
        try {
            return new File(BootstrapBridge.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }
}
