package dev.vigil.agent.core.config;

import dev.vigil.agent.core.yaml.DidYouMean;
import dev.vigil.agent.core.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The agent's configuration, resolved once at startup. For each {@link Setting} the first source that
 * sets it wins: system property {@code vigil.metrics.port}, environment {@code VIGIL_METRICS_PORT},
 * the YAML file named by {@code vigil.config}, the default.
 *
 * <p>Loading never throws: whatever the user got wrong is in {@link #problems()} for the agent to log,
 * and the affected setting falls back to its default, or, for the endpoint's host and port, switches
 * the endpoint off.
 */
public final class VigilConfig {

    /** Top-level YAML sections read by later features (business events, alerts, SLOs); not warned about here. */
    public static final Set<String> RESERVED_SECTIONS = Set.of("events", "alerts", "slos", "modules");

    private static final String PROPERTY_PREFIX = "vigil.";
    private static final String ENV_PREFIX = "VIGIL_";
    /** {@link Setting#ENABLED}'s names, spelt out: naming the enum would initialise it, the cost this check avoids. */
    static final String ENABLED_PROPERTY = "vigil.enabled";
    static final String ENABLED_ENVIRONMENT = "VIGIL_ENABLED";

    private final Map<Setting, Object> values;
    private final ServiceIdentity identity;
    private final List<ConfigProblem> problems;
    private final YamlDocument yaml;

    private VigilConfig(Map<Setting, Object> values, ServiceIdentity identity, List<ConfigProblem> problems,
                        YamlDocument yaml) {
        this.values = values;
        this.identity = identity;
        this.problems = List.copyOf(problems);
        this.yaml = yaml;
    }

    /**
     * The YAML file {@code vigil.config} names, as read for the settings, so features read their own
     * sections ({@code events:}) without reading the file again; null when there is none or it is unreadable.
     */
    public YamlDocument yaml() {
        return yaml;
    }

    /**
     * Whether the system property or environment variable already switch the agent off, read before (and far
     * more cheaply than) the settings: work that may start early, and is wasted when the agent is off, asks this.
     * The YAML file may still switch it off.
     */
    public static boolean switchedOffByTheProcess() {
        String property = System.getProperty(ENABLED_PROPERTY);
        return switchedOff(property, property == null ? System.getenv(ENABLED_ENVIRONMENT) : null);
    }

    /** {@code vigil.enabled} as the system property, else the environment variable, says: the property wins. */
    static boolean switchedOff(String property, String environment) {
        return "false".equalsIgnoreCase(property != null ? property : environment);
    }

    /** Reads this JVM's system properties and environment, and the YAML file they name. */
    public static VigilConfig fromSystem() {
        Properties properties = System.getProperties();
        Map<String, String> systemProperties = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            systemProperties.put(name, properties.getProperty(name));
        }
        return load(systemProperties, System.getenv());
    }

    /** Resolves every setting from these maps and from the YAML file that {@code vigil.config} names, if any. */
    public static VigilConfig load(Map<String, String> systemProperties, Map<String, String> environment) {
        List<ConfigProblem> problems = new ArrayList<>();
        YamlDocument[] yaml = new YamlDocument[1];
        Map<Setting, RawValue> fromFile = readConfigFile(systemProperties, environment, yaml, problems);

        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        Set<Setting> switchedOff = EnumSet.noneOf(Setting.class);
        for (Setting setting : Setting.values()) {
            RawValue raw = fromProcess(setting, systemProperties, environment);
            if (raw == null) {
                raw = fromFile.get(setting);
            }
            values.put(setting, valueOf(setting, raw, switchedOff, problems));
        }
        // Applied after the loop so it wins whatever the order of the keys.
        switchedOff.forEach(s -> values.put(s, Boolean.FALSE));

        warnAboutUnknownKeys(systemProperties, environment, problems);
        ServiceIdentity identity = ServiceIdentity.resolve(
                (String) values.get(Setting.SERVICE_NAME), systemProperties, environment, problems);
        return new VigilConfig(values, identity, problems, yaml[0]);
    }

    public boolean bool(Setting setting) {
        return (Boolean) typed(setting, Boolean.class);
    }

    /**
     * For {@link Setting#METRICS_PORT} this is the default when the given port was bad; check
     * {@link #metricsEndpointEnabled()} before binding.
     */
    public int integer(Setting setting) {
        return (Integer) typed(setting, Integer.class);
    }

    /** Any setting as text; empty for an unset path or name. */
    public String string(Setting setting) {
        return String.valueOf(values.get(setting));
    }

    /** False if the agent or the endpoint is switched off, or if its host or port was given but invalid. */
    public boolean metricsEndpointEnabled() {
        return bool(Setting.ENABLED) && bool(Setting.METRICS_ENABLED);
    }

    /**
     * {@code vigil.service.name}, else {@code otel.service.name} / {@code OTEL_SERVICE_NAME}, else
     * {@code service.name} in {@code otel.resource.attributes} / {@code OTEL_RESOURCE_ATTRIBUTES},
     * else derived from the application (see {@link ServiceIdentity}), else {@code unknown_service:java}.
     */
    public String serviceName() {
        return identity.serviceName();
    }

    /** {@code service.version} from the resource attributes, else derived from the application; empty if unknown. */
    public String serviceVersion() {
        return identity.serviceVersion();
    }

    /** {@code service.instance.id} from the resource attributes, else a random UUID for this process. */
    public String serviceInstanceId() {
        return identity.serviceInstanceId();
    }

    /**
     * The OpenTelemetry resource attributes, with {@code service.name}, {@code service.instance.id} and
     * (when known) {@code service.version} set to the values above.
     */
    public Map<String, String> resourceAttributes() {
        return identity.resourceAttributes();
    }

    /** Everything wrong with the configuration, one log line each; empty when all is well. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private Object typed(Setting setting, Class<?> type) {
        if (setting.type().javaType() != type) {
            throw new IllegalArgumentException(setting.key() + " holds " + setting.type().javaType().getSimpleName()
                    + ", not " + type.getSimpleName());
        }
        return values.get(setting);
    }

    private static Map<Setting, RawValue> readConfigFile(Map<String, String> systemProperties,
            Map<String, String> environment, YamlDocument[] yaml, List<ConfigProblem> problems) {
        RawValue config = fromProcess(Setting.CONFIG, systemProperties, environment);
        // An invalid path is reported with the other bad values; here it only means there is nothing to read.
        if (config == null || Setting.CONFIG.type().parse(config.text()) == null) {
            return Map.of();
        }
        return YamlFile.read(Path.of(config.text()), config.where(), yaml, problems);
    }

    /** The value from a system property or environment variable; blank counts as unset, as in OpenTelemetry. */
    private static RawValue fromProcess(Setting setting, Map<String, String> systemProperties,
            Map<String, String> environment) {
        String property = systemProperties.get(setting.key());
        if (property != null && !property.isBlank()) {
            return RawValue.of(property.strip(), "system property -D" + setting.key());
        }
        String env = environment.get(setting.envName());
        if (env != null && !env.isBlank()) {
            return RawValue.of(env.strip(), "environment " + setting.envName());
        }
        return null;
    }

    private static Object valueOf(Setting setting, RawValue raw, Set<Setting> switchedOff,
            List<ConfigProblem> problems) {
        if (raw == null) {
            return setting.defaultValue();
        }
        Object value = raw.text() == null ? null : setting.type().parse(raw.text());
        if (value != null) {
            return value;
        }
        String message = setting.key() + ": expected " + setting.type().expected() + ", got "
                + raw.shownFor(setting.key()) + " (" + raw.where() + ")";
        Setting toSwitchOff = setting.switchedOffWhenInvalid();
        if (toSwitchOff != null) {
            switchedOff.add(toSwitchOff);
            message += "; treating " + toSwitchOff.key() + " as false rather than guessing";
        } else {
            message += "; using the default " + (setting.defaultText().isEmpty() ? "(empty)" : setting.defaultText());
        }
        problems.add(ConfigProblem.error(message));
        return setting.defaultValue();
    }

    private static void warnAboutUnknownKeys(Map<String, String> systemProperties, Map<String, String> environment,
            List<ConfigProblem> problems) {
        Set<String> keys = Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toSet());
        for (String name : new TreeSet<>(systemProperties.keySet())) {
            if (name.startsWith(PROPERTY_PREFIX) && Setting.byKey(name).isEmpty()) {
                problems.add(ConfigProblem.warn("unknown key " + name + " (system property -D" + name
                        + ") is ignored" + DidYouMean.suffix(name, keys)));
            }
        }
        Set<String> envNames = Arrays.stream(Setting.values()).map(Setting::envName).collect(Collectors.toSet());
        for (String name : new TreeSet<>(environment.keySet())) {
            if (name.startsWith(ENV_PREFIX) && Setting.byEnvName(name).isEmpty()) {
                problems.add(ConfigProblem.warn("unknown key " + name + " (environment) is ignored"
                        + DidYouMean.suffix(name, envNames)));
            }
        }
    }
}
