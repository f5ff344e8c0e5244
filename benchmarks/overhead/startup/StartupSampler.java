import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.instrument.Instrumentation;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sampling profiler for an agent's start-up, itself a tiny agent placed before the one measured:
 * {@code -javaagent:startup-sampler.jar=OUT -javaagent:vigil-agent.jar}. Agents start in command-line
 * order, so it is running before the measured premain begins (JFR, by contrast, starts after it).
 *
 * <p>Every millisecond it takes the stack of every runnable thread and files it under the library
 * whose code is on top (the innermost frame from a shaded library, else the JDK's class loading,
 * else the agent's own code), under the start-up step (the method the premain's class called), and under the phase: the main thread inside a premain, or any other
 * thread (agent background threads). At exit it writes "phase<TAB>library<TAB>step<TAB>samples" lines plus
 * the premain's wall time to OUT.
 */
public final class StartupSampler implements Runnable {
    private static final String SHADED = "dev.vigil.agent.shaded.";

    private final Thread main = Thread.currentThread();
    private final long start = System.nanoTime();
    private final Map<String, LongAdder> samples = new ConcurrentHashMap<>();
    private volatile long premainEnd;
    private boolean sawPremain;
    private volatile boolean stopped;
    private long ticks;

    public static void premain(String out, Instrumentation instrumentation) {
        StartupSampler sampler = new StartupSampler();
        Thread thread = new Thread(sampler, "startup-sampler");
        thread.setDaemon(true);
        thread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> sampler.report(out)));
    }

    @Override
    public void run() {
        while (!stopped) {
            ticks++;
            for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
                Thread thread = entry.getKey();
                StackTraceElement[] stack = entry.getValue();
                if (thread == Thread.currentThread() || thread.getState() != Thread.State.RUNNABLE || stack.length == 0) {
                    continue;
                }
                // A thread parked in native code (the Reference Handler, a server's accept) shows as RUNNABLE.
                if (thread != main && stack[0].isNativeMethod() && !isClassLoading(stack[0])) {
                    continue;
                }
                String phase;
                if (thread == main) {
                    if (inPremain(stack)) {
                        sawPremain = true;
                        phase = "main in premain";
                    } else if (sawPremain) {
                        if (premainEnd == 0) {
                            premainEnd = System.nanoTime();
                        }
                        phase = "main after premain";
                    } else {
                        phase = "main before premain";
                    }
                } else {
                    phase = "other threads";
                }
                samples.computeIfAbsent(phase + "\t" + library(stack) + "\t" + step(stack), k -> new LongAdder()).increment();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A premain runs under the JDK's agent loader (this sampler's own returns within a millisecond). */
    private static boolean inPremain(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("sun.instrument.InstrumentationImpl") && frame.getMethodName().startsWith("loadClassAndCallPremain")) {
                return true;
            }
        }
        return false;
    }

    /** Who is working: the innermost shaded library, else class loading, else the agent, else the JDK. */
    static String library(StackTraceElement[] stack) {
        boolean loadingClasses = false;
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (type.startsWith(SHADED)) {
                String rest = type.substring(SHADED.length());
                String library = rest.substring(0, rest.indexOf('.') < 0 ? rest.length() : rest.indexOf('.'));
                return (loadingClasses ? "class loading for " : "") + library;
            }
            if (type.startsWith("dev.vigil.")) {
                return (loadingClasses ? "class loading for " : "") + "vigil (own code)";
            }
            if (isClassLoading(frame)) {
                loadingClasses = true;
            }
        }
        return loadingClasses ? "class loading (JDK)" : "JDK: " + stack[0].getClassName();
    }

    /**
     * The start-up step under way: the entry point is the premain's class and the class it hands over
     * to (VigilAgent.premain, then its runtime's start); the step is the method that second class
     * called, shown as "Runtime.start > Step.method".
     */
    static String step(StackTraceElement[] stack) {
        String entry = null;
        String runtime = null;
        String runtimeMethod = null;
        for (int i = stack.length - 1; i >= 0; i--) {
            String type = stack[i].getClassName();
            if (entry == null) {
                if (type.startsWith("dev.vigil.")) {
                    entry = type;
                }
            } else if (runtime == null) {
                if (!type.equals(entry)) {
                    runtime = type;
                    runtimeMethod = simple(type) + "." + stack[i].getMethodName();
                }
            } else if (!type.equals(runtime)) {
                return runtimeMethod + " > " + simple(type) + "." + stack[i].getMethodName();
            }
        }
        return runtimeMethod != null ? runtimeMethod : entry != null ? "(the premain itself)" : "-";
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static boolean isClassLoading(StackTraceElement frame) {
        String type = frame.getClassName();
        String method = frame.getMethodName();
        return type.startsWith("jdk.internal.loader.") || type.startsWith("java.util.zip.") || type.startsWith("java.util.jar.")
                || type.equals("java.lang.ClassLoader") || type.equals("java.security.SecureClassLoader")
                || type.equals("java.net.URLClassLoader") || method.equals("defineClass") || method.equals("loadClass");
    }

    private void report(String out) {
        stopped = true;
        long end = premainEnd == 0 ? System.nanoTime() : premainEnd;
        try (PrintWriter writer = new PrintWriter(new FileWriter(out))) {
            writer.printf("premain_ms\t%.1f%n", (end - start) / 1e6);
            writer.printf("ticks\t%d%n", ticks);
            samples.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, LongAdder> e) -> -e.getValue().sum()))
                    .forEach(e -> writer.printf("%s\t%d%n", e.getKey(), e.getValue().sum()));
        } catch (IOException e) {
            System.err.println("startup-sampler: cannot write " + out + ": " + e);
        }
    }
}
