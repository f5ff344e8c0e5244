package dev.vigil.agent.events.extension;

import static dev.vigil.agent.events.EventsFile.JAVA_NAME;

import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.events.BusinessEvents;
import dev.vigil.agent.events.PointcutListener;
import dev.vigil.agent.events.Pointcuts;
import dev.vigil.extension.Counter;
import dev.vigil.extension.ExtensionContext;
import dev.vigil.extension.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.regex.Pattern;

/** What one extension sees of the agent while it installs. */
final class ExtensionHost implements ExtensionContext {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,99}");

    private final String name;
    private final MeterRegistry registry;
    private final BusinessEvents events;
    private final Pointcuts pointcuts;

    ExtensionHost(String name, MeterRegistry registry, BusinessEvents events, Pointcuts pointcuts) {
        this.name = name;
        this.registry = registry;
        this.events = events;
        this.pointcuts = pointcuts;
    }

    @Override
    public void instrument(String className, String methodName, dev.vigil.extension.MethodListener listener) {
        if (className == null || !JAVA_NAME.matcher(className).matches() || methodName == null
                || !JAVA_NAME.matcher(methodName).matches() || methodName.contains(".") || listener == null) {
            throw new IllegalArgumentException("instrument: expected a class name such as com.shop.OrderService,"
                    + " a method name such as placeOrder and a listener");
        }
        pointcuts.add(className, methodName, new PointcutListener() {
            @Override
            public boolean wantsArguments() {
                return true;
            }

            @Override
            public Object enter(Object self, Object[] arguments) {
                return listener.onEnter(self, arguments);
            }

            @Override
            public void exit(Object state, Object self, Object returned, Throwable thrown, long nanos) {
                listener.onExit(state, self, returned, thrown, nanos);
            }
        }, "extension:" + name);
    }

    @Override
    public Counter counter(String metric, String description, String... labelNames) {
        checkName(metric, labelNames);
        return new ExtensionMeters.CappedCounter(registry, metric, description, labelNames);
    }

    @Override
    public Timer timer(String metric, String description, String... labelNames) {
        checkName(metric, labelNames);
        return new ExtensionMeters.CappedTimer(registry, metric, description, labelNames);
    }

    @Override
    public void event(String event, boolean success) {
        events.record(event, null, success);
    }

    @Override
    public String setting(String key, String fallback) {
        return System.getProperty("vigil.ext." + name + "." + key, fallback);
    }

    @Override
    public void log(String message) {
        AgentLog.info("extension " + name + ": " + message);
    }

    private static void checkName(String metric, String[] labelNames) {
        if (metric == null || !METRIC_NAME.matcher(metric).matches()) {
            throw new IllegalArgumentException("metric name '" + metric + "': expected [a-z_][a-z0-9_]*, such as vigil_jobs");
        }
        for (String label : labelNames) {
            if (label == null || !METRIC_NAME.matcher(label).matches()) {
                throw new IllegalArgumentException("label name '" + label + "' of " + metric + ": expected [a-z_][a-z0-9_]*");
            }
        }
    }
}
