package dev.vigil.it.support;

/**
 * The live heap of an application JVM, in bytes: {@code jcmd PID GC.class_histogram}, which runs a full
 * GC and then counts the objects that survived it, all in one safepoint. That is the number a leak
 * grows; the heap "used" of a running JVM also holds whatever garbage the last young collection left,
 * and a load test that keeps running while it is read (a soak) would add its own allocations to it.
 *
 * <pre>{@code
 * long before = HeapAfterGc.liveBytes(app);
 * ... 100,000 requests ...
 * assertThat(HeapAfterGc.liveBytes(app) - before).isLessThan(16 * HeapAfterGc.MB);
 * }</pre>
 */
public final class HeapAfterGc {

    public static final long MB = 1024 * 1024;

    private HeapAfterGc() {
    }

    /** Instances of {@code className} in {@code app}'s heap right after a full GC. */
    public static long instances(AppProcess app, String className) {
        for (String line : histogram(app).lines().toList()) {
            // "  12:   2262   180960  dev.vigil.agent.http.ServerRequest"
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4 && fields[3].equals(className)) {
                return Long.parseLong(fields[1]);
            }
        }
        return 0;
    }

    /** The bytes of live objects in {@code app}'s heap right after a full GC. */
    public static long liveBytes(AppProcess app) {
        String output = histogram(app);
        // The histogram ends with "Total <instances> <bytes>".
        for (String line : output.lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && fields[0].equals("Total")) {
                return Long.parseLong(fields[2]);
            }
        }
        throw new AssertionError("no Total line in the class histogram of " + app + ":\n" + output);
    }

    private static String histogram(AppProcess app) {
        return Jcmd.run(app, "GC.class_histogram");
    }

    /** {@code bytes} in MB with one decimal, for messages. */
    public static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }
}
