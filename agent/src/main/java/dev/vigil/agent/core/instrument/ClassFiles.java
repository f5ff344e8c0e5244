package dev.vigil.agent.core.instrument;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/**
 * Reads the class file a class loader would define for a name, the way {@code getResourceAsStream} finds
 * it but without its walk through the JDK's loaders, which were most of the header filter's time on a
 * Spring Boot application. For a name outside the JDK's packages, the boot, platform and application
 * loaders each searched every module they define (about 70) before the class path was reached.
 *
 * <ul>
 *   <li>A package of a module in the boot layer (the JDK's, or the application's own named modules) can
 *       only be defined by that module: its class file is read from it. No class path can split it.</li>
 *   <li>Any other name: no module of the boot layer holds it, so the JDK's loaders can only find it on the
 *       class path. The application class loader's class path is searched as its own {@link URLClassLoader},
 *       and a {@code URLClassLoader} that keeps the usual parent-first order (it does not override
 *       {@code getResource}) is searched after its parents, as {@code getResource} would; its entries that
 *       the JDK searches one connection at a time (Spring Boot's nested jars) are searched in their jar files.
 *       The application class loader's own class path of jar files and directories is searched in them by
 *       name, without a URL and a connection for each class file read.</li>
 *   <li>Any other loader (child-first web application loaders, OSGi, JBoss Modules) is asked as before.</li>
 * </ul>
 */
final class ClassFiles {
    /** Package (internal form, {@code java/sql}) to the boot-layer module that defines it. */
    private final Map<String, Module> bootLayerPackages = new HashMap<>();
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final ClassLoader system = ClassLoader.getSystemClassLoader();
    /** The application class loader's class path; opened on first use (jar files share the JDK's open copy). */
    private volatile URLClassLoader classPath;
    /**
     * The same class path as jar files and directories, with the jars their manifests name ({@code Class-Path}),
     * searched by name: a read through {@link #classPath} made a URL for the class file and opened a connection to
     * it, most of a read's time. No entries when it names something other than files: the JDK's search then.
     */
    private volatile SearchPath classPathFiles;
    /**
     * Whether a URLClassLoader's class keeps {@code getResource}'s parent-first order, and its
     * {@code getResourceAsStream} reads what that finds.
     */
    private final ClassValue<Boolean> parentFirst = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return keepsParentFirst(type, URLClassLoader.class);
            } catch (NoSuchMethodException | RuntimeException e) {
                return false;
            }
        }
    };

    private static final class Shared {
        static final ClassFiles INSTANCE = new ClassFiles();
    }

    /** One for the agent: the search paths it keeps are those of the application's loaders. */
    static ClassFiles shared() {
        return Shared.INSTANCE;
    }

    ClassFiles() {
        for (Module module : ModuleLayer.boot().modules()) {
            for (String name : module.getPackages()) {
                bootLayerPackages.put(name.replace('.', '/'), module);
            }
        }
    }

    /** The class file of {@code internalName} as {@code loader} (null: the boot loader) would find it, or null. */
    byte[] read(ClassLoader loader, String internalName) {
        String resource = internalName + ".class";
        try {
            Module module = moduleOf(internalName);
            if (module != null) {
                return readAll(module.getResourceAsStream(resource));
            }
            Found found = outsideTheJdk(loader, resource);
            if (found == NOT_SEARCHED) {
                return readAll(loader.getResourceAsStream(resource));
            }
            return found == null ? null : readAll(found.open());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code loader} (not null) can see the class {@code internalName}, as {@code getResource} would tell. */
    boolean contains(ClassLoader loader, String internalName) {
        String resource = internalName + ".class";
        try {
            Module module = moduleOf(internalName);
            if (module != null) {
                try (InputStream in = module.getResourceAsStream(resource)) {
                    return in != null;
                }
            }
            Found found = outsideTheJdk(loader, resource);
            return found == NOT_SEARCHED ? loader.getResource(resource) != null : found != null;
        } catch (IOException | RuntimeException e) {
            return loader.getResource(resource) != null;
        }
    }

    /** The boot-layer module that defines {@code internalName}'s package, or null. */
    private Module moduleOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? null : bootLayerPackages.get(internalName.substring(0, slash));
    }

    private static byte[] readAll(InputStream stream) throws IOException {
        if (stream == null) {
            return null;
        }
        try (InputStream in = stream) {
            return in.readAllBytes();
        }
    }

    /** Where a resource was found. */
    @FunctionalInterface
    interface Found {
        InputStream open() throws IOException;
    }

    /** Marks a loader this class cannot search faithfully: its own {@code getResource} decides. */
    private static final Found NOT_SEARCHED = () -> null;

    /** A resource in no package of the boot layer, looked up with {@code getResource}'s order. */
    private Found outsideTheJdk(ClassLoader loader, String resource) throws IOException {
        if (loader == null || loader == platform) {
            return null; // only modules of the boot layer there, and none has the package
        }
        if (loader == system) {
            if (!isJdkAppLoader(loader)) {
                return NOT_SEARCHED;
            }
            SearchPath files = classPathFiles();
            return files.entries != null ? files.find(resource) : found(classPath().findResource(resource));
        }
        if (loader instanceof URLClassLoader own && parentFirst.get(loader.getClass())) {
            Found fromParent = outsideTheJdk(loader.getParent(), resource);
            return fromParent != null ? fromParent : findOwn(own, resource);
        }
        Method findResource = ownFinder.get(loader.getClass()).orElse(null);
        if (findResource != null) {
            Found fromParent = outsideTheJdk(loader.getParent(), resource);
            return fromParent != null ? fromParent : findOwn(loader, findResource, resource);
        }
        return NOT_SEARCHED;
    }

    /**
     * For a loader class that keeps {@code ClassLoader}'s {@code getResource} and {@code getResourceAsStream}
     * (its parents first, then its own {@code findResource}), that {@code findResource}, made callable; empty for
     * any other loader (it decides its own order) or when its {@code findResource} cannot be called from here.
     * Quarkus' runner loader is one: through its parent, the JDK's loaders walked their modules for every read.
     */
    private final ClassValue<Optional<Method>> ownFinder = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                if (!keepsParentFirst(type, ClassLoader.class)) {
                    return Optional.empty();
                }
                for (Class<?> each = type; each != ClassLoader.class; each = each.getSuperclass()) {
                    for (Method method : each.getDeclaredMethods()) {
                        if (method.getName().equals("findResource") && method.getParameterCount() == 1
                                && method.getParameterTypes()[0] == String.class) {
                            method.setAccessible(true);
                            return Optional.of(method);
                        }
                    }
                }
                return Optional.empty(); // ClassLoader's own, which finds nothing: nothing gained, asked as before
            } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
                return Optional.empty(); // in a module not open to the agent, or unreadable: asked as before
            }
        }
    };

    /**
     * Whether loader class {@code type} keeps {@code ClassLoader}'s {@code getResource} (its parents first, then its
     * own {@code findResource}), with a {@code getResourceAsStream} that reads what that finds: {@code ClassLoader}'s
     * own, or {@code streams}'.
     */
    private static boolean keepsParentFirst(Class<?> type, Class<?> streams) throws NoSuchMethodException {
        Class<?> reads = type.getMethod("getResourceAsStream", String.class).getDeclaringClass();
        return type.getMethod("getResource", String.class).getDeclaringClass() == ClassLoader.class
                && (reads == ClassLoader.class || reads == streams);
    }

    private Found findOwn(ClassLoader loader, Method findResource, String resource) throws IOException {
        try {
            return found((URL) findResource.invoke(loader, resource));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IOException(e);
        }
    }

    private Found found(URL url) {
        if (url == null) {
            return null;
        }
        Found inJar = jarUrls.find(url);
        return inJar != null ? inJar : url::openStream;
    }

    private final JarUrls jarUrls = new JarUrls();

    /** The jar files read by URL (test). */
    JarUrls jarUrls() {
        return jarUrls;
    }

    /**
     * Reads a {@code jar:file:} URL's entry from its jar file, kept open here. Such URLs are what Quarkus' runner
     * loader (and other loaders with their own index) find class files as; opening a connection to each made a URL
     * for the jar file and looked it up in the JDK's cache of jar files, which on Quarkus took as long as the read.
     * The jar file is opened as that connection would open it: at the runtime's version when the URL ends in
     * {@code #runtime}, else at the base version. A URL of another form (another protocol, a jar in a jar, an
     * escaped character, a remote host) is opened as usual, as is any URL once {@link #MAX_OPEN} jar files are open.
     */
    static final class JarUrls {
        static final int MAX_OPEN = 256;
        private static final String PREFIX = "file:";
        private final Map<String, JarFile> open = new ConcurrentHashMap<>();

        /** What reads {@code url}'s entry, or null when it is not read here. */
        Found find(URL url) {
            if (!"jar".equals(url.getProtocol())) {
                return null;
            }
            String spec = url.getFile();
            int separator = spec.indexOf("!/");
            if (separator < 0 || spec.indexOf("!/", separator + 2) >= 0 || !spec.startsWith(PREFIX)
                    || spec.indexOf('%') >= 0) {
                return null;
            }
            // file:/a.jar, or file:///a.jar (an empty host, as Path.toUri writes it); any other host is not read here
            int path = spec.startsWith("///", PREFIX.length()) ? PREFIX.length() + 2
                    : spec.startsWith("//", PREFIX.length()) ? -1 : PREFIX.length();
            String name = spec.substring(separator + 2);
            if (path < 0 || name.isEmpty()) {
                return null;
            }
            JarFile jar = jar(spec.substring(path, separator), "runtime".equals(url.getRef()));
            JarEntry entry = jar == null ? null : jar.getJarEntry(name);
            return entry == null ? null : () -> jar.getInputStream(entry);
        }

        private JarFile jar(String path, boolean runtime) {
            String key = runtime ? path + "#runtime" : path;
            JarFile jar = open.get(key);
            if (jar != null || open.size() >= MAX_OPEN) {
                return jar;
            }
            try {
                // Not verified: the header filter reads names, and the loader verifies what it defines.
                jar = new JarFile(new File(path), false, ZipFile.OPEN_READ,
                        runtime ? JarFile.runtimeVersion() : JarFile.baseVersion());
            } catch (IOException | RuntimeException unreadable) {
                return null; // the connection says what is wrong with it
            }
            JarFile first = open.putIfAbsent(key, jar);
            if (first != null) {
                close(jar);
                return first;
            }
            return jar;
        }

        /** How many jar files are open here (test). */
        int openJars() {
            return open.size();
        }
    }

    /**
     * {@code loader}'s own search path. The JDK searches a directory or a jar file by name, but an entry
     * such as {@code jar:nested:/app.jar/!BOOT-INF/lib/x.jar!/} (Spring Boot's), which the JDK's jar handler
     * does not serve, by opening a connection to the resource in each entry in turn. Those loaders are
     * searched here entry by entry, in the same order, in the jar files their connections share.
     */
    private Found findOwn(URLClassLoader loader, String resource) throws IOException {
        URL[] urls = loader.getURLs();
        SearchPath path = searchPaths.get(loader);
        if (path == null || !path.isFor(urls)) {
            path = SearchPath.of(urls);
            searchPaths.put(loader, path);
        }
        return path.entries == null ? found(loader.findResource(resource)) : path.find(resource);
    }

    private final Map<ClassLoader, SearchPath> searchPaths = Collections.synchronizedMap(new WeakHashMap<>());

    /** The entries of a URLClassLoader; {@code entries} null when one is not a kind searched here. */
    record SearchPath(URL[] urls, Object[] entries) {
        static SearchPath of(URL[] urls) {
            Object[] entries = new Object[urls.length];
            boolean nonDefaultJar = false;
            for (int i = 0; i < urls.length; i++) {
                URL url = urls[i];
                String file = url.getFile();
                if ("file".equals(url.getProtocol()) && file.endsWith("/")) {
                    try {
                        entries[i] = new File(url.toURI());
                    } catch (URISyntaxException | IllegalArgumentException e) {
                        return new SearchPath(urls, null);
                    }
                } else if ("jar".equals(url.getProtocol()) && file.endsWith("!/")) {
                    try {
                        URLConnection connection = url.openConnection();
                        if (!(connection instanceof JarURLConnection jar)
                                || connection.getClass().getName().startsWith("sun.net.www.protocol.jar.")) {
                            return new SearchPath(urls, null); // the JDK's own handler: searched by name already
                        }
                        entries[i] = jar.getJarFile();
                        nonDefaultJar = true;
                    } catch (IOException unreadable) {
                        entries[i] = null; // every lookup in it fails, as the JDK's would
                    }
                } else {
                    return new SearchPath(urls, null); // jar files, with their Class-Path: the JDK's search is quick
                }
            }
            return new SearchPath(urls, nonDefaultJar ? entries : null);
        }

        /** The version whose entries a multi-release jar gives: the runtime's, unless the JVM was told to ignore them. */
        private static final Runtime.Version MULTI_RELEASE_VERSION =
                "false".equalsIgnoreCase(System.getProperty("jdk.util.jar.enableMultiRelease"))
                        ? JarFile.baseVersion() : JarFile.runtimeVersion();

        /**
         * A class path of {@code file:} URLs opened as the JDK's application loader opens it: a URL ending in
         * {@code /} a directory, any other a jar file (multi-release jars at this runtime's version) followed by the
         * entries its manifest's {@code Class-Path} names, resolved against it, each URL searched once; a missing
         * or unreadable entry is skipped, as it is there. No entries when a URL is not a {@code file:} one.
         */
        static SearchPath ofFiles(List<URL> classPath) {
            List<URL> order = new ArrayList<>();
            List<Object> entries = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Deque<URL> next = new ArrayDeque<>(classPath);
            while (!next.isEmpty()) {
                URL url = next.pop();
                if (!"file".equalsIgnoreCase(url.getProtocol())) {
                    return closed(order, entries);
                }
                if (!seen.add(url.toExternalForm())) {
                    continue;
                }
                File file;
                try {
                    file = new File(url.toURI());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    return closed(order, entries);
                }
                order.add(url);
                if (url.getPath().endsWith("/")) {
                    entries.add(file.isDirectory() ? file : null);
                    continue;
                }
                JarFile jar = null;
                List<URL> named = List.of();
                try {
                    // Not verified: the header filter reads names, and the JDK's loader verifies what it defines.
                    jar = new JarFile(file, false, ZipFile.OPEN_READ, MULTI_RELEASE_VERSION);
                    named = namedIn(jar, url);
                } catch (IOException | RuntimeException unreadable) {
                    // the JDK's loader cannot read it either
                }
                entries.add(jar);
                // Searched right after this jar, before the entries that follow it, as the JDK's loader does.
                for (int i = named.size() - 1; i >= 0; i--) {
                    next.push(named.get(i));
                }
            }
            return new SearchPath(order.toArray(new URL[0]), entries.toArray());
        }

        /** The URLs {@code jar}'s manifest names in its {@code Class-Path}, relative to {@code base}, the jar's own URL. */
        private static List<URL> namedIn(JarFile jar, URL base) throws IOException {
            Manifest manifest = jar.getManifest();
            String value = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (value == null) {
                return List.of();
            }
            List<URL> named = new ArrayList<>();
            for (String path : value.trim().split("[ \\t\\n\\r\\f]+")) {
                if (!path.isEmpty()) {
                    named.add(new URL(base, path)); // not a file: URL (http:, a drive letter read as one) ends the search here
                }
            }
            return named;
        }

        /** Closes the jar files opened so far: the class path is left to the JDK's own search. */
        private static SearchPath closed(List<URL> urls, List<Object> entries) {
            for (Object entry : entries) {
                if (entry instanceof JarFile jar) {
                    close(jar);
                }
            }
            return new SearchPath(urls.toArray(new URL[0]), null);
        }

        /** The same URLs (by identity: {@code URL.equals} may resolve host names). */
        boolean isFor(URL[] current) {
            if (current.length != urls.length) {
                return false;
            }
            for (int i = 0; i < current.length; i++) {
                if (current[i] != urls[i]) {
                    return false;
                }
            }
            return true;
        }

        Found find(String resource) {
            for (Object entry : entries) {
                if (entry instanceof JarFile jar) {
                    JarEntry found = jar.getJarEntry(resource);
                    if (found != null && !found.isDirectory()) {
                        return () -> jar.getInputStream(found);
                    }
                } else if (entry instanceof File dir) {
                    File file = new File(dir, resource.replace('/', File.separatorChar));
                    if (file.isFile()) {
                        return () -> new FileInputStream(file);
                    }
                }
            }
            return null;
        }
    }

    /** The JDK's own application class loader (not one set with {@code java.system.class.loader}). */
    private static boolean isJdkAppLoader(ClassLoader loader) {
        return loader.getClass().getName().startsWith("jdk.internal.loader.");
    }

    private URLClassLoader classPath() {
        URLClassLoader path = classPath;
        if (path == null) {
            synchronized (this) {
                path = classPath;
                if (path == null) {
                    path = new URLClassLoader(classPathUrls().toArray(new URL[0]), null);
                    classPath = path;
                }
            }
        }
        return path;
    }

    private SearchPath classPathFiles() {
        SearchPath path = classPathFiles;
        if (path == null) {
            synchronized (this) {
                path = classPathFiles;
                if (path == null) {
                    path = SearchPath.ofFiles(classPathUrls());
                    classPathFiles = path;
                }
            }
        }
        return path;
    }

    /** The application class loader's search path: the class path, then the agent's jar where the JVM appended it. */
    private List<URL> classPathUrls() {
        List<URL> urls = entries(System.getProperty("java.class.path", ""));
        URL agentJar = appendedAgentJar();
        if (agentJar != null && !urls.contains(agentJar)) {
            urls.add(agentJar); // where the JVM appends it: after the class path
        }
        return urls;
    }

    /**
     * The agent's own jar when the JVM appended it to the application class loader's search path
     * ({@code -javaagent}), which {@code java.class.path} does not show; null otherwise.
     */
    private URL appendedAgentJar() {
        try {
            if (ClassFiles.class.getClassLoader() != system) {
                return null;
            }
            URL location = ClassFiles.class.getProtectionDomain().getCodeSource().getLocation();
            return "file".equals(location.getProtocol()) && location.getPath().endsWith(".jar") ? location : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Closes a jar file opened here that will not be kept: nothing was read from it, so a failure changes nothing. */
    private static void close(JarFile jar) {
        try {
            jar.close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }

    /**
     * The class path's entries as the JDK's application loader takes them: canonical files (a jar's manifest
     * {@code Class-Path} is relative to where the jar really is, through any link), an empty entry the current
     * directory.
     */
    static List<URL> entries(String classPath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator, -1)) {
            try {
                urls.add(new File(entry).getCanonicalFile().toURI().toURL());
            } catch (IOException | RuntimeException skipped) {
                // the application loader cannot use it either
            }
        }
        return urls;
    }
}
