package dev.vigil.agent.events;

import dev.vigil.agent.core.Feature;
import dev.vigil.agent.core.FeatureContext;
import dev.vigil.agent.core.config.ConfigProblem;
import dev.vigil.agent.core.config.Setting;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.core.instrument.TypeInstrumentation;
import dev.vigil.agent.core.log.AgentLog;
import dev.vigil.agent.events.api.VigilApiInstrumentation;
import dev.vigil.agent.events.bridge.ApiHooks;
import dev.vigil.agent.events.bridge.LogEventHooks;
import dev.vigil.agent.events.bridge.MethodHooks;
import dev.vigil.agent.events.extension.Extensions;
import dev.vigil.agent.events.log4j.Log4jEventInstrumentation;
import dev.vigil.agent.events.logback.LogEventInstrumentation;
import dev.vigil.agent.events.method.MethodInstrumentation;
import dev.vigil.agent.http.ServerRequests;
import java.util.ArrayList;
import java.util.List;

/**
 * Business events: from code ({@code Vigil.event}), and declared in {@code vigil.yaml} by an HTTP route
 * and status, a method, or a log line; and the extensions, which listen to methods and count events too.
 * Every kind ends in {@link BusinessEvents}.
 */
public final class EventsFeature implements Feature {
    /** The events of {@code vigil.yaml}, read with the instrumentations they need. */
    private List<EventRule> rules = List.of();
    /** The methods to time, from {@code vigil.yaml} (made with the instrumentation) and extensions (at the start). */
    private final Pointcuts pointcuts = new Pointcuts();
    private MethodEvents methodEvents;
    private LogEvents logEvents;

    @Override
    public String name() {
        return "events";
    }

    @Override
    public void start(FeatureContext context) {
        BusinessEvents events = new BusinessEvents(context.registry());
        pointcuts.reportErrorsTo(context.errors());
        declare(context, events);
        Extensions.install(context.config().string(Setting.EXTENSIONS), context.registry(), events, pointcuts);
        ApiHooks.SLOT.set(events);
        MethodHooks.SLOT.set(pointcuts);
        LogEventHooks.SLOT.set(logEvents);
    }

    /**
     * The events of {@code vigil.yaml}: registered (so they show 0 before the first one), each kind handed
     * to what marks it: the HTTP server's request ends, method pointcuts, the log lines.
     */
    private void declare(FeatureContext context, BusinessEvents events) {
        List<EventRule.Http> httpRules = new ArrayList<>();
        List<EventRule.Log> logRules = new ArrayList<>();
        for (EventRule rule : rules) {
            if (rule instanceof EventRule.Http h) {
                httpRules.add(h);
            } else if (rule instanceof EventRule.Log l) {
                logRules.add(l);
            }
        }
        if (!httpRules.isEmpty()) {
            ServerRequests requests = context.find(ServerRequests.class);
            if (requests == null) {
                AgentLog.warn("vigil.http.enabled=false: the " + httpRules.size() + " HTTP events of "
                        + context.config().string(Setting.CONFIG) + " count nothing");
            } else {
                // The routes an event names are routes of the application, even before they first answer 2xx.
                httpRules.forEach(rule -> requests.declareRoute(rule.route()));
                requests.onEnd(new HttpEvents(httpRules, events));
            }
        }
        methodEvents.countIn(events);
        logEvents = logRules.isEmpty() ? null : new LogEvents(logRules, events);
        if (!rules.isEmpty()) {
            AgentLog.info(rules.size() + " business events declared in " + context.config().string(Setting.CONFIG));
        }
    }

    @Override
    public List<TypeInstrumentation> instrumentations(VigilConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        rules = EventsFile.read(config.yaml(), problems);
        // Loops, not lambdas: this runs in the premain, where each lambda is a class made on the way to main.
        for (ConfigProblem problem : problems) {
            AgentLog.error(problem.message());
        }
        List<EventRule.Method> methodRules = new ArrayList<>();
        boolean logRules = false;
        for (EventRule rule : rules) {
            if (rule instanceof EventRule.Method method) {
                methodRules.add(method);
            } else if (rule instanceof EventRule.Log) {
                logRules = true;
            }
        }
        methodEvents = MethodEvents.pointcuts(methodRules, pointcuts);
        List<TypeInstrumentation> instrumentations = new ArrayList<>();
        instrumentations.add(new VigilApiInstrumentation());
        if (!pointcuts.isEmpty() || instrumentsOnlyOnceStarted(config)) {
            instrumentations.add(new MethodInstrumentation(pointcuts));
        }
        if (logRules) {
            instrumentations.add(new LogEventInstrumentation());
            instrumentations.add(new Log4jEventInstrumentation());
        }
        return instrumentations;
    }

    /** Extensions name the methods they time when they install, which is in {@link #start}. */
    @Override
    public boolean instrumentsOnlyOnceStarted(VigilConfig config) {
        return !config.string(Setting.EXTENSIONS).isBlank();
    }

    @Override
    public void startLater(FeatureContext context) {
        // Reads resources only, off the start-up path: a class named in vigil.yaml that is nowhere is a typo.
        pointcuts.checkClassesExist(ClassLoader.getSystemClassLoader());
    }

    @Override
    public void stop() {
        ApiHooks.SLOT.set(null);
        MethodHooks.SLOT.set(null);
        LogEventHooks.SLOT.set(null);
    }
}
