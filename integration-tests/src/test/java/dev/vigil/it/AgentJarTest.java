package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.Artifacts;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The built jar itself: one file a user adds with one flag, every dependency relocated so nothing in it
 * can clash with the application's own copies.
 */
class AgentJarTest {

    @Test
    void everyClassLivesUnderTheAgentsOwnPackages() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            List<String> stray = jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class"))
                    // dev.vigil.extension is the extension SPI: interfaces extensions compile against, kept as they are.
                    .filter(name -> !name.startsWith("dev/vigil/agent/") && !name.startsWith("dev/vigil/extension/"))
                    .toList();
            assertThat(stray).as("classes outside dev.vigil.agent / dev.vigil.extension").isEmpty();
            assertThat(jar.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("dev/vigil/api/")))
                    .as("vigil-api stays the application's own jar; the agent only rewrites it").isEmpty();
            List<String> services = jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith("META-INF/services/") && !name.endsWith("/"))
                    .filter(name -> !name.startsWith("META-INF/services/dev.vigil.agent.shaded."))
                    .toList();
            assertThat(services).as("service files an application's ServiceLoader would find").isEmpty();
        }
    }

    /**
     * The JVM's LogManager and System.Logger are the application's to choose (Quarkus and WildFly set
     * java.util.logging.manager in their main): no class of the agent or its libraries may call them, so nothing
     * in premain can create them first. The build relocates java.util.logging.Logger to the agent's own log.
     */
    @Test
    void noClassOfTheAgentOrItsLibrariesCallsTheJvmsLogging() throws IOException {
        List<String> forbidden = List.of("java/util/logging/Logger", "java/util/logging/LogManager",
                "Ljava/lang/System$Logger;", "org/slf4j/bridge/", "org/apache/logging/log4j/jul/");
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            List<String> callers = new ArrayList<>();
            for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                try (InputStream in = jar.getInputStream(entry)) {
                    String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    forbidden.stream().filter(constants::contains).forEach(name -> callers.add(entry.getName() + " -> " + name));
                }
            }
            assertThat(callers).as("classes that would create the JVM's logging singletons").isEmpty();
        }
    }

    /**
     * The build relocates string constants along with the classes: a library's logger name or instrumentation
     * scope would reach the agent's log or a collector as {@code dev.vigil.agent.shaded...}. What the agent shows
     * is the library's own name, read from the built jar, where the relocation has happened.
     */
    @Test
    void namesTheBuildRelocatedReachUsersAsTheLibrariesWroteThem() throws Exception {
        try (Loader loader = new Loader()) {
            Method original = loader.loadClass("dev.vigil.agent.core.log.ShadedNames").getMethod("original", String.class);
            assertThat(original.invoke(null, "dev.vigil.agent.shaded.opentelemetry.sdk.trace")).isEqualTo("io.opentelemetry.sdk.trace");
            assertThat(original.invoke(null, "dev.vigil.agent.shaded.micrometer.core.instrument.Timer"))
                    .isEqualTo("io.micrometer.core.instrument.Timer");
            assertThat(original.invoke(null, "dev.vigil.agent.shaded.prometheus.metrics.model.registry.PrometheusRegistry"))
                    .isEqualTo("io.prometheus.metrics.model.registry.PrometheusRegistry");
            assertThat(original.invoke(null, "dev.vigil.agent.shaded.bytebuddy.agent.builder.AgentBuilder"))
                    .isEqualTo("net.bytebuddy.agent.builder.AgentBuilder");
            assertThat(original.invoke(null, "dev.vigil.agent.shaded.logback.classic.Logger")).isEqualTo("ch.qos.logback.classic.Logger");
            assertThat(original.invoke(null, "dev.vigil.agent.http.RouteTable")).isEqualTo("dev.vigil.agent.http.RouteTable");

            Class<?> libraryLogger = loader.loadClass("dev.vigil.agent.core.log.LibraryLogger");
            Object logger = libraryLogger.getMethod("getLogger", String.class)
                    .invoke(null, "dev.vigil.agent.shaded.opentelemetry.exporter.otlp.internal.HttpExporter");
            assertThat(libraryLogger.getMethod("getName").invoke(logger))
                    .isEqualTo("io.opentelemetry.exporter.otlp.internal.HttpExporter");
        }
    }

    @Test
    void theManifestMakesItAnAgentForStartAndAttach() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            Manifest manifest = jar.getManifest();
            Attributes main = manifest.getMainAttributes();
            assertThat(main.getValue("Premain-Class")).isEqualTo("dev.vigil.agent.VigilAgent");
            assertThat(main.getValue("Agent-Class")).isEqualTo("dev.vigil.agent.VigilAgent");
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
        System.out.printf("vigil-agent.jar: %.1f MB%n", Files.size(Artifacts.agentJar()) / 1e6);
    }

    /**
     * Byte Buddy's transformer gets the JVM's {@code Module}-aware {@code transform} from the agent's compiled
     * subclass, which the build puts in place of Byte Buddy's action that generated one at start-up (a third of
     * the preparing thread's work). If the relocation or the shade filter stopped matching, Byte Buddy's own
     * action would be back, generating {@code ExecutingTransformer$ByteBuddy$ModuleSupport}.
     */
    @Test
    void byteBuddysTransformerTakesItsModuleAwareSubclassFromTheJarNotFromAGeneratedClass() throws Exception {
        String builder = "dev.vigil.agent.shaded.bytebuddy.agent.builder.";
        try (Loader loader = new Loader()) {
            Class<?> transformer = Class.forName(builder + "AgentBuilder$Default$ExecutingTransformer", true, loader);
            Field factoryField = transformer.getDeclaredField("FACTORY");
            factoryField.setAccessible(true);
            Object factory = factoryField.get(null);
            assertThat(factory.getClass().getName()).isEqualTo(builder + "AgentBuilder$Default$ExecutingTransformer$Factory$ForJava9CapableVm");
            Field constructorField = factory.getClass().getDeclaredField("executingTransformer");
            constructorField.setAccessible(true);
            Class<?> made = ((Constructor<?>) constructorField.get(factory)).getDeclaringClass();
            assertThat(made.getName()).isEqualTo(builder + "ModuleAwareExecutingTransformer");
            assertThat(made.getClassLoader()).as("defined from the jar, not generated").isSameAs(loader);
            assertThat(made.getDeclaredMethod("transform", Module.class, ClassLoader.class, String.class, Class.class,
                    ProtectionDomain.class, byte[].class)).isNotNull();
        }
    }

    /** The size goal; the build keeps only the library classes the agent can reach (shade's minimizeJar). */
    @Test
    void theJarStaysUnderEightMebibytes() throws IOException {
        assertThat(Files.size(Artifacts.agentJar())).as("bytes of vigil-agent.jar").isLessThanOrEqualTo(8L * 1024 * 1024);
    }

    /**
     * Minimisation keeps what the agent's classes reach; a library's provider is reached through its service
     * file only. Every class a service file names must be in the jar, or ServiceLoader fails where it is read.
     */
    @Test
    void everyProviderAServiceFileNamesIsInTheJar() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            List<String> missing = new ArrayList<>();
            for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory()).toList()) {
                String service = entry.getName().substring("META-INF/services/".length());
                if (jar.getEntry(service.replace('.', '/') + ".class") == null) {
                    missing.add("the service interface " + service);
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                        String provider = line.replaceAll("#.*", "").trim();
                        if (!provider.isEmpty() && jar.getEntry(provider.replace('.', '/') + ".class") == null) {
                            missing.add(provider + " (in " + entry.getName() + ")");
                        }
                    }
                }
            }
            assertThat(missing).as("classes named by service files but not in the jar").isEmpty();
        }
    }

    /**
     * The premain defines the bridge classes in the boot loader from the list the build writes. A bridge class
     * missing from it would be loaded by the system loader instead, where advice in a web app's classes cannot see
     * it; a name too many would stop the agent.
     */
    @Test
    void theBridgeListNamesEveryBridgeClassInTheJarAndNothingElse() throws IOException {
        try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
            List<String> bridges = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.matches("dev/vigil/agent/(?!shaded/)[a-z]+(/[a-z]+)*/bridge/[^/]+\\.class")).sorted().toList();
            JarEntry list = jar.getJarEntry("dev/vigil/agent/bridge-classes.list");
            assertThat(list).as("the build's list of bridge classes").isNotNull();
            try (InputStream in = jar.getInputStream(list)) {
                List<String> listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank()).sorted().toList();
                assertThat(listed).isEqualTo(bridges);
            }
            assertThat(bridges).contains("dev/vigil/agent/core/bridge/HookSlot.class", "dev/vigil/agent/jdbc/bridge/JdbcHooks.class");
        }
    }

    /**
     * The agent's log (its Logback context) is built by the first line written, not by setting its level or by a
     * debug line below that level: a premain that writes nothing loads no Logback class.
     */
    @Test
    void theAgentsLogIsBuiltByItsFirstLineOnly() throws Exception {
        try (Loader loader = new Loader()) {
            Class<?> agentLog = Class.forName("dev.vigil.agent.core.log.AgentLog", true, loader);
            agentLog.getMethod("configure", String.class, String.class).invoke(null, "info", null);
            agentLog.getMethod("debug", String.class).invoke(null, "not written at info");
            assertThat(agentLog.getMethod("isDebugEnabled").invoke(null)).isEqualTo(false);
            assertThat(loader.loaded("dev.vigil.agent.shaded.logback.classic.LoggerContext")).isFalse();

            agentLog.getMethod("warn", String.class).invoke(null, "the first line, from a test of the jar");
            assertThat(loader.loaded("dev.vigil.agent.shaded.logback.classic.LoggerContext")).isTrue();
        }
    }

    /**
     * The agent's stand-in for the Prometheus client's properties loader reads what Micrometer's registry passes, under
     * the names the build relocated for both: exemplars on counters too, as Micrometer asks.
     */
    @Test
    void thePrometheusClientsLoaderReadsWhatMicrometerPassesUnderTheRelocatedNames() throws Exception {
        try (Loader loader = new Loader()) {
            Class<?> config = Class.forName("dev.vigil.agent.shaded.micrometer.prometheusmetrics.PrometheusConfig", true, loader);
            Object passed = config.getMethod("prometheusProperties").invoke(config.getField("DEFAULT").get(null));
            Object properties = Class.forName("dev.vigil.agent.shaded.prometheus.metrics.config.PrometheusPropertiesLoader", true, loader)
                    .getMethod("load", Map.class).invoke(null, passed);
            Object exporter = properties.getClass().getMethod("getExporterProperties").invoke(properties);
            assertThat(exporter.getClass().getMethod("getExemplarsOnAllMetricTypes").invoke(exporter)).isEqualTo(true);
        }
    }

    /** The built jar alone, in its own loader over the platform loader, and which of its classes it has loaded. */
    private static final class Loader extends URLClassLoader {
        Loader() throws IOException {
            super(new URL[] {Artifacts.agentJar().toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}
