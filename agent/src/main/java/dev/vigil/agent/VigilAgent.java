package dev.vigil.agent;

import java.lang.instrument.Instrumentation;

/**
 * {@code -javaagent:vigil-agent.jar} (premain) and runtime attach (agentmain). Whatever happens here,
 * the application starts: a failure is one line on stderr and the agent stays out of the way.
 */
public final class VigilAgent {
    private static boolean started;

    private VigilAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(instrumentation, false);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(instrumentation, true);
    }

    private static synchronized void start(Instrumentation instrumentation, boolean attachedLater) {
        if (started) {
            return;
        }
        started = true;
        try {
            // The shaded Byte Buddy reads its own, relocated property: this touches only the agent's copy.
            // Safe mode keeps it off sun.misc.Unsafe, which JDK 24+ warns about on stderr and which advice
            // never needs.
            System.setProperty("net.bytebuddy.safe", "true");
            // Nor does it need Byte Buddy's Nexus (the agent never uses self-injection): without this, making the
            // agent builder tried to inject that class into the system class loader, costing time on start-up.
            System.setProperty("net.bytebuddy.nexus.disabled", "true");
            // Not net.bytebuddy.generate, though its dispatchers written by Byte Buddy instead of JDK proxies would
            // spare the JIT work at start-up: those it writes for static methods of interfaces (ClassDesc.ofDescriptor)
            // fail verification, and the agent could not start where advice binds a constant (BusinessEventsIT).
            // Before any class that links against a feature's bridge is loaded.
            BootstrapBridge.install(instrumentation);
            AgentRuntime.start(instrumentation, attachedLater);
        } catch (Throwable t) {
            System.err.println("{\"level\":\"ERROR\",\"logger_name\":\"dev.vigil.agent\",\"message\":\"vigil: the agent could not start ("
                    + t.getClass().getName() + (t instanceof LinkageError ? ": " + t.getMessage() : "")
                    + "); the application runs without it\"}");
        }
    }
}
