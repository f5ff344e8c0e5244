package dev.vigil.agent.core.instrument;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *       {@code getResource}) is searched after its parents, as {@code getResource} would.</li>
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
    /** Whether a URLClassLoader's class keeps {@code getResource}'s parent-first order. */
    private final ClassValue<Boolean> parentFirst = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("getResource", String.class).getDeclaringClass() == ClassLoader.class;
            } catch (NoSuchMethodException | RuntimeException e) {
                return false;
            }
        }
    };

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
            int slash = internalName.lastIndexOf('/');
            Module module = slash < 0 ? null : bootLayerPackages.get(internalName.substring(0, slash));
            if (module != null) {
                try (InputStream in = module.getResourceAsStream(resource)) {
                    return in == null ? null : in.readAllBytes();
                }
            }
            URL url = outsideTheJdk(loader, resource);
            if (url == NOT_SEARCHED) {
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    return in == null ? null : in.readAllBytes();
                }
            }
            if (url == null) {
                return null;
            }
            try (InputStream in = url.openStream()) {
                return in.readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Marks a loader this class cannot search faithfully: its own {@code getResource} decides. */
    private static final URL NOT_SEARCHED;

    static {
        try {
            NOT_SEARCHED = new URL("file:/not-searched");
        } catch (MalformedURLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A resource in no package of the boot layer, looked up with {@code getResource}'s order. */
    private URL outsideTheJdk(ClassLoader loader, String resource) {
        if (loader == null || loader == platform) {
            return null; // only modules of the boot layer there, and none has the package
        }
        if (loader == system) {
            return isJdkAppLoader(loader) ? classPath().findResource(resource) : NOT_SEARCHED;
        }
        if (loader instanceof URLClassLoader own && parentFirst.get(loader.getClass())) {
            URL fromParent = outsideTheJdk(loader.getParent(), resource);
            return fromParent != null ? fromParent : own.findResource(resource);
        }
        return NOT_SEARCHED;
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
                    path = new URLClassLoader(entries(System.getProperty("java.class.path", "")), null);
                    classPath = path;
                }
            }
        }
        return path;
    }

    private static URL[] entries(String classPath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            try {
                urls.add(new File(entry.isEmpty() ? "." : entry).toURI().toURL()); // as the JDK reads an empty entry
            } catch (MalformedURLException | RuntimeException skipped) {
                // the application loader cannot use it either
            }
        }
        return urls.toArray(new URL[0]);
    }
}
