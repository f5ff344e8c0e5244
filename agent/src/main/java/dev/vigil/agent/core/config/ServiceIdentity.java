package dev.vigil.agent.core.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's name, version and instance, read the way the OpenTelemetry SDK reads them (system property
 * over environment variable) so Vigil and the OpenTelemetry agent agree, and derived from the application
 * itself when nobody configured them.
 *
 * <p>An unconfigured name must survive a release: dashboards, rules and alerts select on it. So it comes,
 * in this order, from the framework's own application name ({@code spring.application.name},
 * {@code quarkus.application.name}, {@code micronaut.application.name}: set on the command line, as a
 * system property or environment variable, in {@code application.properties|yml|yaml} in the working
 * directory or its {@code config/}, or inside the jar), the jar manifest's {@code Implementation-Title},
 * Spring Boot's {@code Start-Class}, the jar's file name without its version, and last the main class.
 * The manifest's {@code Main-Class} is not used: in Spring Boot and Quarkus jars it is their launcher,
 * elsewhere often a {@code Main} that many services share; the file name says more.
 *
 * <p>This runs in premain: it opens at most one jar (plus one directory listing for a Quarkus fast-jar),
 * reads only the entries it names, and never throws; a source that cannot be read is skipped. It uses no
 * lambdas, whose first use each spins up a class, nor SecureRandom or ProcessHandle (tens of ms each).
 *
 * @param serviceVersion empty when no source tells it
 */
record ServiceIdentity(String serviceName, String serviceVersion, String serviceInstanceId,
        Map<String, String> resourceAttributes) {

    /** OpenTelemetry's own fallback for a Java process with no configured name. */
    static final String UNKNOWN_SERVICE = "unknown_service:java";

    static final String SERVICE_NAME = "service.name";
    static final String SERVICE_VERSION = "service.version";
    static final String SERVICE_INSTANCE_ID = "service.instance.id";

    // A main class, optionally in a module: com.shop.Main or shop/com.shop.Main.
    private static final Pattern MAIN_CLASS = Pattern.compile("([\\w$.]+/)?[\\w$.]+");

    /**
     * A trailing version: major.minor at least (so {@code app-v2}, {@code worker-2} and {@code log4j2-app}
     * keep their names), an optional leading v, then Maven-style qualifiers and build numbers
     * ({@code -SNAPSHOT}, {@code .RELEASE}, {@code -rc.1}, {@code -20240501.120000-3}), then an optional
     * packaging classifier that is no part of the name ({@code -runner} of a Quarkus uber-jar, {@code -all}).
     */
    private static final Pattern VERSIONED_NAME = Pattern.compile("(?<name>.+?)-(?<version>v?\\d+(?:\\.\\d+)+"
            + "(?:[.-](?:(?i:snapshot|release|final|ga|alpha|beta|rc|cr|m|milestone|pre|preview|dev|ea|sp)\\d*|\\d+))*)"
            + "(?:-(?:runner|all|shaded|exec|fat|uber|standalone|jar-with-dependencies))?");

    /** Where each framework keeps its application's name; an application uses only one of them. */
    private static final List<String> APPLICATION_NAME_KEYS =
            List.of("spring.application.name", "quarkus.application.name", "micronaut.application.name");

    /** In Spring Boot's order: config/ before the root, .properties before .yml (Quarkus and Micronaut agree). */
    private static final List<String> APPLICATION_FILES = List.of("config/application.properties",
            "config/application.yml", "config/application.yaml", "application.properties", "application.yml",
            "application.yaml");

    /** The launcher classes Spring Boot runs an unpacked jar with; the application sits on the class path. */
    private static final String SPRING_BOOT_LAUNCHER_PACKAGE = "org.springframework.boot.loader.";

    /**
     * @param vigilServiceName the resolved {@code vigil.service.name}, empty if not set
     * @param systemProperties also supplies {@code sun.java.command} (the launcher's record of jar or main
     *     class and arguments), {@code user.dir} and {@code java.class.path}
     */
    static ServiceIdentity resolve(String vigilServiceName, Map<String, String> systemProperties,
            Map<String, String> environment, List<ConfigProblem> problems) {
        String attributesText = systemProperties.get("otel.resource.attributes");
        String attributesWhere = "system property -Dotel.resource.attributes";
        if (isBlank(attributesText)) {
            attributesText = environment.get("OTEL_RESOURCE_ATTRIBUTES");
            attributesWhere = "environment OTEL_RESOURCE_ATTRIBUTES";
        }
        Map<String, String> attributes = parseAttributes(attributesText, attributesWhere, problems);
        String name = firstNonBlank(vigilServiceName,
                systemProperties.get("otel.service.name"),
                environment.get("OTEL_SERVICE_NAME"),
                attributes.get(SERVICE_NAME));
        String version = firstNonBlank(attributes.get(SERVICE_VERSION));
        if (name == null || version == null) {
            Derived derived = deriveOrNothing(systemProperties, environment);
            name = firstNonBlank(name, derived.name(), UNKNOWN_SERVICE);
            version = firstNonBlank(version, derived.version());
        }
        String instanceId = firstNonBlank(attributes.get(SERVICE_INSTANCE_ID));
        if (instanceId == null) {
            instanceId = randomInstanceId();
        }
        attributes.put(SERVICE_NAME, name);
        if (version != null) {
            attributes.put(SERVICE_VERSION, version);
        }
        attributes.put(SERVICE_INSTANCE_ID, instanceId);
        return new ServiceIdentity(name, version == null ? "" : version, instanceId,
                Collections.unmodifiableMap(attributes));
    }

    /** What the application itself tells; either may be null. */
    record Derived(String name, String version) {
    }

    /** A bug here must not stop the agent, nor the application: the name then falls back as if nothing told. */
    private static Derived deriveOrNothing(Map<String, String> systemProperties, Map<String, String> environment) {
        try {
            return derive(systemProperties, environment);
        } catch (RuntimeException e) {
            return new Derived(null, null);
        }
    }

    static Derived derive(Map<String, String> systemProperties, Map<String, String> environment) {
        String command = systemProperties.get("sun.java.command");
        Path workDir = pathOrNull(systemProperties.get("user.dir"), null);
        String name = applicationNameOf(systemProperties, environment, command);
        if (name == null && workDir != null) {
            try (AppArchive dir = AppArchive.open(workDir)) {
                name = applicationNameIn(dir, "");
            } catch (IOException | RuntimeException e) {
                // No working directory to read: the jar may still tell.
            }
        }
        String version = null;
        Path archivePath = archiveOf(command, workDir, systemProperties.get("java.class.path"));
        Path archiveName = archivePath == null ? null : archivePath.getFileName();
        JarName jarName = JarName.of(archiveName == null ? jarOf(command) : archiveName.toString());
        if (archivePath != null) {
            try (AppArchive archive = AppArchive.open(archivePath)) {
                Attributes manifest = mainAttributes(archive);
                String classes = classesPrefix(manifest.getValue("Spring-Boot-Classes"));
                if (name == null) {
                    name = applicationNameIn(archive, classes);
                }
                name = firstNonBlank(name, manifest.getValue("Implementation-Title"),
                        simpleName(manifest.getValue("Start-Class")));
                version = firstNonBlank(manifest.getValue("Implementation-Version"), buildVersionIn(archive, classes));
            } catch (IOException | RuntimeException e) {
                // Not a jar we can read: the file name and the command line still tell something.
            }
        }
        if (jarName != null) {
            name = firstNonBlank(name, jarName.name());
            version = firstNonBlank(version, jarName.version());
        }
        return new Derived(firstNonBlank(name, fromJavaCommand(command)), version);
    }

    /**
     * The name given to the framework by the process itself: Spring's {@code --spring.application.name=}
     * argument, a system property, or the framework's environment variable.
     */
    private static String applicationNameOf(Map<String, String> systemProperties, Map<String, String> environment,
            String command) {
        if (command != null) {
            for (String argument : command.split("\\s+")) {
                if (argument.startsWith("--spring.application.name=")) {
                    String name = usable(argument.substring("--spring.application.name=".length()));
                    if (name != null) {
                        return name;
                    }
                }
            }
        }
        for (String key : APPLICATION_NAME_KEYS) {
            String name = firstNonBlank(usable(systemProperties.get(key)),
                    usable(environment.get(key.replace('.', '_').toUpperCase(Locale.ROOT))));
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    /** The first application file under {@code prefix} that names the application; an unreadable one is skipped. */
    static String applicationNameIn(AppArchive archive, String prefix) {
        for (String file : APPLICATION_FILES) {
            Map<String, String> keys;
            try {
                String text = archive.text(prefix + file);
                if (text == null) {
                    continue;
                }
                keys = AppConfigFile.parse(file, text);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            for (String key : APPLICATION_NAME_KEYS) {
                String name = usable(keys.get(key));
                if (name != null) {
                    return name;
                }
            }
        }
        return null;
    }

    /** The manifest's main attributes; empty if there is no manifest or it cannot be read. */
    private static Attributes mainAttributes(AppArchive archive) {
        try {
            Manifest manifest = archive.manifest();
            return manifest == null ? new Attributes() : manifest.getMainAttributes();
        } catch (IOException | RuntimeException e) {
            return new Attributes();
        }
    }

    /** Spring Boot's {@code build-info} goal writes the project version here; null if absent or unreadable. */
    private static String buildVersionIn(AppArchive archive, String classes) {
        try {
            String text = archive.text(classes + "META-INF/build-info.properties");
            return text == null ? null : usable(AppConfigFile.properties(text).get("build.version"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The jar or directory that holds the application: the jar run with {@code -jar}; for a Quarkus
     * fast-jar ({@code quarkus-app/quarkus-run.jar}) the application's own jar in {@code quarkus-app/app/};
     * for Spring Boot's launcher run on an unpacked jar, the first class path entry. Null if none.
     */
    static Path archiveOf(String command, Path workDir, String classPath) {
        String jar = jarOf(command);
        if (jar != null) {
            Path path = pathOrNull(jar, workDir);
            if (path != null && path.getFileName() != null && path.getFileName().toString().equals("quarkus-run.jar")) {
                Path app = quarkusApplicationJar(path.resolveSibling("app"));
                return app != null ? app : path;
            }
            return path;
        }
        String mainClass = mainClassOf(command);
        if (mainClass != null && mainClass.startsWith(SPRING_BOOT_LAUNCHER_PACKAGE)) {
            String first = isBlank(classPath) ? "." : classPath.split(java.io.File.pathSeparator, 2)[0];
            return pathOrNull(first.isEmpty() ? "." : first, workDir);
        }
        return null;
    }

    /** The one directory listing this class allows itself; null if there is no such jar or no listing. */
    private static Path quarkusApplicationJar(Path appDir) {
        if (!Files.isDirectory(appDir)) {
            return null;
        }
        Path first = null;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(appDir, "*.jar")) {
            for (Path jar : jars) {
                if (first == null || jar.getFileName().toString().compareTo(first.getFileName().toString()) < 0) {
                    first = jar;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return first;
    }

    /** Spring Boot's {@code BOOT-INF/classes/} (or {@code WEB-INF/classes/}), or the root of any other jar. */
    private static String classesPrefix(String springBootClasses) {
        if (isBlank(springBootClasses)) {
            return "";
        }
        String prefix = springBootClasses.strip();
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /**
     * A jar's file name split into the service name and its version: {@code spring-petclinic-4.0.0-SNAPSHOT.jar}
     * is {@code spring-petclinic} at {@code 4.0.0-SNAPSHOT}; a name with no version is kept whole, version null.
     */
    record JarName(String name, String version) {

        static JarName of(String fileName) {
            if (isBlank(fileName) || !fileName.toLowerCase(Locale.ROOT).endsWith(".jar")) {
                return null;
            }
            String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1,
                    fileName.length() - ".jar".length());
            if (base.isEmpty()) {
                return null;
            }
            Matcher versioned = VERSIONED_NAME.matcher(base);
            return versioned.matches()
                    ? new JarName(versioned.group("name"), versioned.group("version"))
                    : new JarName(base, null);
        }
    }

    /** {@code key1=value1,key2=value2} with percent-encoded values, as the OpenTelemetry spec defines it. */
    static Map<String, String> parseAttributes(String text, String where, List<ConfigProblem> problems) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (isBlank(text)) {
            return attributes;
        }
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                // Not echoed: resource attributes sometimes carry tokens.
                problems.add(ConfigProblem.warn("resource attribute " + (i + 1) + " in " + where
                        + " is ignored: expected key=value"));
                continue;
            }
            attributes.put(entry.substring(0, eq).strip(), percentDecode(entry.substring(eq + 1).strip()));
        }
        return attributes;
    }

    /** Decodes %XX as UTF-8 bytes; unlike URLDecoder it keeps '+' (the spec's encoding is not form encoding). */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * What the command line alone tells, when nothing better is known: the jar's base name
     * ({@code java -jar /opt/shop.jar} gives {@code shop}) or the main class's simple name
     * ({@code com.shop.Main} gives {@code Main}); null if neither can be told.
     */
    static String fromJavaCommand(String command) {
        JarName jar = JarName.of(jarOf(command));
        if (jar != null) {
            return jar.name();
        }
        return simpleName(mainClassOf(command));
    }

    /** The jar that {@code java -jar} ran, as the command line spells it; null for a main class. */
    static String jarOf(String command) {
        if (isBlank(command)) {
            return null;
        }
        String line = command.strip();
        String first = line.split(" ", 2)[0];
        if (first.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return first;
        }
        if (MAIN_CLASS.matcher(first).matches()) {
            return null;
        }
        // A jar path with spaces: the launcher joins path and arguments with spaces, so find "name.jar ".
        String lower = line.toLowerCase(Locale.ROOT);
        for (int i = lower.indexOf(".jar"); i >= 0; i = lower.indexOf(".jar", i + 1)) {
            if (i + 4 == line.length() || line.charAt(i + 4) == ' ') {
                return line.substring(0, i + 4);
            }
        }
        return null;
    }

    /** The main class the command line names ({@code com.shop.Main}, or {@code shop/com.shop.Main}); else null. */
    static String mainClassOf(String command) {
        if (isBlank(command)) {
            return null;
        }
        String first = command.strip().split(" ", 2)[0];
        if (first.toLowerCase(Locale.ROOT).endsWith(".jar") || !MAIN_CLASS.matcher(first).matches()) {
            return null;
        }
        return first.substring(first.lastIndexOf('/') + 1);
    }

    private static String simpleName(String className) {
        if (isBlank(className)) {
            return null;
        }
        String simple = className.strip();
        return emptyToNull(simple.substring(simple.lastIndexOf('.') + 1));
    }

    /**
     * A version 4 UUID, as OpenTelemetry's semantic conventions ask of {@code service.instance.id}, from a non-blocking
     * random source: {@code UUID.randomUUID()} would initialise SecureRandom in premain (tens of ms), and an
     * instance id needs to be unique, not secret. ThreadLocalRandom is seeded from the clock in nanoseconds,
     * so two JVMs started on one host still differ ({@code ProcessHandle}'s pid would cost as much again).
     */
    static String randomInstanceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** A framework property's value, unless it is blank or a {@code ${...}} placeholder we cannot resolve. */
    private static String usable(String value) {
        return isBlank(value) || value.contains("${") ? null : value.strip();
    }

    private static Path pathOrNull(String path, Path base) {
        if (isBlank(path)) {
            return null;
        }
        try {
            Path p = Path.of(path.strip());
            return base == null || p.isAbsolute() ? p : base.resolve(p);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The first candidate with text in it, stripped; null if none has. */
    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (!isBlank(candidate)) {
                return candidate.strip();
            }
        }
        return null;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
