package dev.vigil.agent.core.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Decides from a class file's header alone whether any instrumentation could match the class: its name,
 * its super class and interfaces (and theirs, read from the class loader as headers too), and whether its
 * constant pool names one of the annotations or holds one of the constants instrumentations look for. Byte
 * Buddy would build a type description of the class and of its whole hierarchy to find out; on an application
 * loading 10,000 classes that was most of the agent's start-up CPU, and all but a few hundred of them match
 * nothing.
 *
 * <p>A super type's class file is read as its loader would find it ({@link ClassFiles}).
 *
 * <p>Only a "no" is trusted: when a super type's class file cannot be read or parsed, the answer is "maybe",
 * and Byte Buddy's own matchers decide, unless the loader has no such class file at all (Byte Buddy reads through
 * the loader too, and would fail on it). Each class loader has a bounded cache of the answers for the types
 * it has seen, so a common super class is read once, not once per subclass (subclasses are usually
 * transformed before their super class loads, so the cache cannot wait for the super class's own turn). Nor can the
 * filter load a super type itself to learn its answer sooner: the JDK's agent layer calls no transformer for a class
 * loaded while one runs, so that super type would never be instrumented.
 */
public final class ClassHeaderFilter {
    /** The agent's own classes, never instrumented. */
    public static final String AGENT_PACKAGE = "dev.vigil.agent.";
    /** The JDK's internals, instrumented only where an instrumentation names the type ({@code jdkTypes}). */
    public static final List<String> JDK_INTERNALS = List.of("jdk.internal.", "sun.");
    /** Both of the above in class file form ({@code jdk/internal/}): what the agent's ignore rule leaves alone. */
    private static final String[] LEFT_ALONE = Stream.concat(Stream.of(AGENT_PACKAGE), JDK_INTERNALS.stream())
            .map(prefix -> prefix.replace('.', '/')).toArray(String[]::new);

    /** Answers kept per class loader before its cache starts over: the common super types come back at once. */
    static final int MAX_CACHED = 8192;
    private static final int MAX_DEPTH = 40;
    private static final String OBJECT = "java/lang/Object";

    private final Set<String> names;
    private final byte[][] markers;
    private final Map<ClassLoader, Map<String, Boolean>> byLoader = Collections.synchronizedMap(new WeakHashMap<>());
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    /** The JDK's {@code java.*} types are the same for every loader: one cache, read from the JDK's modules. */
    private final Map<String, Boolean> jdk = new ConcurrentHashMap<>();
    private final ClassFiles classFiles = ClassFiles.shared();

    public ClassHeaderFilter(MatchedTypes types) {
        Set<String> internal = new HashSet<>();
        types.names().forEach(name -> internal.add(name.replace('.', '/')));
        this.names = Set.copyOf(internal);
        this.markers = Stream.concat(
                        types.annotations().stream().map(annotation -> "L" + annotation.replace('.', '/') + ";"),
                        types.constants().stream())
                .map(marker -> marker.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    /**
     * False only when no instrumentation can match the class {@code internalName} ({@code java/sql/Statement}
     * form) being loaded by {@code loader} from {@code classFile}.
     */
    public boolean mayMatch(ClassLoader loader, String internalName, byte[] classFile) {
        if (names.contains(internalName)) {
            return true;
        }
        if (loader == null || loader == platform || isLeftAlone(internalName)) {
            return false; // the JDK and the agent: only the JDK types named are instrumented
        }
        Header header = Header.parse(classFile, markers);
        if (header == null) {
            return true;
        }
        Map<String, Boolean> cache = cacheOf(loader);
        boolean may = decide(loader, cache, header, 0);
        remember(cache, internalName, may);
        return may;
    }

    /** What the agent's ignore rule leaves alone on any loader: the agent itself, the JDK's internals. */
    private static boolean isLeftAlone(String internalName) {
        for (String prefix : LEFT_ALONE) {
            if (internalName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private boolean decide(ClassLoader loader, Map<String, Boolean> cache, Header header, int depth) {
        if (header.marked != 0 || names.contains(header.name)) {
            return true;
        }
        // One call for the super class and the interfaces alike: the JIT inlines this recursion into every class
        // load's path, and two call sites here made two copies of it at each level.
        for (String each : header.supers) {
            if (superMayMatch(loader, cache, each, depth)) {
                return true;
            }
        }
        return false;
    }

    private boolean superMayMatch(ClassLoader loader, Map<String, Boolean> cache, String internalName, int depth) {
        if (OBJECT.equals(internalName)) {
            return false;
        }
        if (names.contains(internalName)) {
            return true;
        }
        boolean inJdk = internalName.startsWith("java/");
        Map<String, Boolean> answers = inJdk ? jdk : cache;
        Boolean known = answers.get(internalName);
        if (known != null) {
            return known;
        }
        if (depth >= MAX_DEPTH) {
            return true;
        }
        ClassLoader owner = inJdk ? platform : loader;
        byte[] classFile = classFiles.read(owner, internalName);
        Header header = Header.parse(classFile, markers);
        if (header == null) {
            if (classFile == null && isAbsent(owner, internalName)) {
                // Not in its loader's view at all (an optional dependency left out): Byte Buddy, which reads through
                // the same loader, could not describe the class either, and "maybe" would only end in a failed
                // transformation and a warning in the application's log.
                remember(answers, internalName, false);
                return false;
            }
            return true; // found but not read or not understood here: Byte Buddy decides
        }
        boolean may = decide(owner, answers, header, depth + 1);
        remember(answers, internalName, may);
        return may;
    }

    /**
     * Whether {@code loader} itself says it has no class file for {@code internalName}, asked as Byte Buddy asks it;
     * only after a failed read.
     */
    private static boolean isAbsent(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** How many answers are kept for {@code loader}. */
    int cachedFor(ClassLoader loader) {
        Map<String, Boolean> cache = byLoader.get(loader);
        return cache == null ? 0 : cache.size();
    }

    private Map<String, Boolean> cacheOf(ClassLoader loader) {
        return byLoader.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
    }

    private static void remember(Map<String, Boolean> cache, String internalName, boolean may) {
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(internalName, may);
    }

    /** The part of a class file before its fields: the constant pool, the class's name and its super types. */
    static final class Header {
        final String name;
        /** The super class (none for {@code java/lang/Object} and module-info), then the interfaces, as declared. */
        final String[] supers;
        /** 1 if the constant pool holds a marker (an annotation's descriptor, a constant), else 0 (isMarker). */
        final int marked;

        private Header(String name, String[] supers, int marked) {
            this.name = name;
            this.supers = supers;
            this.marked = marked;
        }

        /** Null when {@code bytes} is not a class file this parser understands. */
        static Header parse(byte[] bytes, byte[][] markers) {
            if (bytes == null || bytes.length < 10 || u4(bytes, 0) != 0xCAFEBABE) {
                return null;
            }
            try {
                int count = u2(bytes, 8);
                int[] offsets = new int[count];
                int marked = 0;
                int at = 10;
                for (int i = 1; i < count; i++) {
                    offsets[i] = at;
                    switch (bytes[at] & 0xff) {
                        case 1: // Utf8
                            int length = u2(bytes, at + 1);
                            marked |= isMarker(bytes, at + 3, length, markers);
                            at += 3 + length;
                            break;
                        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                            at += 5;
                            break;
                        case 5: case 6: // Long and Double take two entries
                            at += 9;
                            i++;
                            break;
                        case 7: case 8: case 16: case 19: case 20:
                            at += 3;
                            break;
                        case 15:
                            at += 4;
                            break;
                        default:
                            return null;
                    }
                }
                String name = className(bytes, offsets, u2(bytes, at + 2));
                int superIndex = u2(bytes, at + 4);
                int first = superIndex == 0 ? 0 : 1;
                String[] supers = new String[first + u2(bytes, at + 6)];
                if (first == 1) {
                    supers[0] = className(bytes, offsets, superIndex);
                }
                for (int i = first; i < supers.length; i++) {
                    supers[i] = className(bytes, offsets, u2(bytes, at + 8 + 2 * (i - first)));
                }
                return new Header(name, supers, marked);
            } catch (RuntimeException malformed) {
                return null;
            }
        }

        /**
         * 1 if the Utf8 entry at {@code from} is one of {@code markers}, else 0, computed without a branch on the
         * answer. This parser runs for every class loaded, so the JIT compiles it early, before the first class
         * carrying a marker annotation (a JAX-RS resource, a Spring controller) has loaded. A branch on the answer was
         * then one the compiled code had never seen taken: the first marker threw the compiled parser away, and it
         * was compiled again, a second C2 compilation of the largest method on the start-up path.
         */
        private static int isMarker(byte[] bytes, int from, int length, byte[][] markers) {
            int found = 0;
            for (byte[] marker : markers) {
                if (marker.length == length) {
                    // -1 when no byte differs: its sign bit is the answer
                    found |= java.util.Arrays.mismatch(bytes, from, from + length, marker, 0, length) >>> 31;
                }
            }
            return found;
        }

        private static String className(byte[] bytes, int[] offsets, int classIndex) {
            int utf8 = offsets[u2(bytes, offsets[classIndex] + 1)];
            return new String(bytes, utf8 + 3, u2(bytes, utf8 + 1), StandardCharsets.UTF_8);
        }

        private static int u2(byte[] bytes, int at) {
            return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
        }

        private static int u4(byte[] bytes, int at) {
            return (u2(bytes, at) << 16) | u2(bytes, at + 2);
        }
    }
}
