package dev.vigil.agent.core.config;

import static dev.vigil.agent.core.yaml.YamlDocument.isNull;
import static dev.vigil.agent.core.yaml.YamlDocument.line;

import dev.vigil.agent.core.yaml.DidYouMean;
import dev.vigil.agent.core.yaml.YamlDocument;
import dev.vigil.agent.core.yaml.YamlReadError;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the settings out of a {@code vigil.yaml}, composed by {@link YamlDocument}. Keys may be nested or dotted, with or without a
 * top-level {@code vigil:} wrapper. SnakeYAML's node API is used instead of loading into maps so that
 * every value keeps its line for error messages.
 */
final class YamlFile {
    private static final String FALLBACK = "using system properties, environment and defaults only";

    private final Path file;
    private final List<ConfigProblem> problems;
    private final Map<Setting, RawValue> values = new EnumMap<>(Setting.class);

    private YamlFile(Path file, List<ConfigProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * The settings in {@code file}, or none if the file cannot be read or parsed (one problem then says why).
     *
     * @param namedBy where the file name came from, e.g. "system property -Dvigil.config"
     */
    static Map<Setting, RawValue> read(Path file, String namedBy, YamlDocument[] document, List<ConfigProblem> problems) {
        YamlFile yaml = new YamlFile(file, problems);
        YamlDocument read;
        try {
            read = YamlDocument.read(file);
        } catch (YamlReadError e) {
            problems.add(ConfigProblem.error(e.isSyntax()
                    ? Setting.CONFIG.key() + ": YAML syntax error in " + file + e.where() + ": " + e.problem() + "; the whole file is ignored, " + FALLBACK
                    : e.wasOpened()
                    ? Setting.CONFIG.key() + ": cannot read " + file + " (" + e.problem() + "); the whole file is ignored, " + FALLBACK
                    : Setting.CONFIG.key() + ": cannot read " + file.toAbsolutePath().normalize() + " (" + e.problem()
                            + "; named by " + namedBy + "); " + FALLBACK));
            return Map.of();
        }
        document[0] = read;
        Node root = read.root();
        if (root == null) {
            return Map.of(); // an empty file or only comments
        }
        if (root instanceof MappingNode mapping) {
            yaml.walk(mapping, "");
        } else if (!isNull(root)) {
            problems.add(ConfigProblem.error(Setting.CONFIG.key() + ": " + file + " line " + line(root)
                    + ": expected keys such as 'metrics.port: 9464' at the top level; the whole file is ignored, "
                    + FALLBACK));
        }
        return yaml.values;
    }

    private void walk(MappingNode mapping, String prefix) {
        for (NodeTuple entry : mapping.getValue()) {
            Node valueNode = entry.getValueNode();
            if (!(entry.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(ConfigProblem.warn(file + " line " + line(entry.getKeyNode())
                        + ": a key must be plain text; the entry is ignored"));
                continue;
            }
            String name = prefix.isEmpty() ? keyNode.getValue() : prefix + "." + keyNode.getValue();
            if (prefix.isEmpty()) {
                if (name.equals("vigil") && valueNode instanceof MappingNode wrapped) {
                    walk(wrapped, "");
                    continue;
                }
                if (name.startsWith("vigil.")) {
                    name = name.substring("vigil.".length());
                }
            }
            // Later features (events, alerts, SLOs) read their own sections of the same file.
            if (VigilConfig.RESERVED_SECTIONS.contains(name.split("\\.", 2)[0])) {
                continue;
            }
            entry(name, keyNode, valueNode);
        }
    }

    private void entry(String name, ScalarNode keyNode, Node valueNode) {
        String key = "vigil." + name;
        Setting setting = Setting.byKey(key).orElse(null);
        if (setting == Setting.CONFIG) {
            problems.add(ConfigProblem.warn(key + " (" + file + " line " + line(keyNode) + ") is ignored: the file"
                    + " to read can only be named by -D" + key + " or " + Setting.CONFIG.envName()));
        } else if (setting != null) {
            if (isNull(valueNode)) {
                return; // "port:" with nothing after it: not set
            }
            String where = file + " line " + line(valueNode);
            RawValue raw = valueNode instanceof ScalarNode scalar
                    ? RawValue.of(scalar.getValue(), where)
                    : RawValue.notAPlainValue(valueNode instanceof SequenceNode ? "a list" : "a mapping", where);
            RawValue earlier = values.put(setting, raw);
            if (earlier != null) {
                problems.add(ConfigProblem.warn(key + " is set twice (" + earlier.where() + ", " + where
                        + "); the last one wins"));
            }
        } else if (isSection(name)) {
            if (valueNode instanceof MappingNode section) {
                walk(section, name);
            } else if (!isNull(valueNode)) {
                problems.add(ConfigProblem.warn(key + " (" + file + " line " + line(keyNode)
                        + ") is a section, not a value, and is ignored; its keys are " + keysIn(name)));
            }
        } else {
            // A whole unknown section is reported once, not once per key inside it.
            Set<String> candidates = valueNode instanceof MappingNode ? sectionKeys() : settingKeys();
            problems.add(ConfigProblem.warn("unknown key " + key + " (" + file + " line " + line(keyNode)
                    + ") is ignored" + DidYouMean.suffix(key, candidates)));
        }
    }

    private static boolean isSection(String name) {
        return Arrays.stream(Setting.values()).anyMatch(s -> s.relativeName().startsWith(name + "."));
    }

    private static String keysIn(String section) {
        return Arrays.stream(Setting.values()).map(Setting::key)
                .filter(k -> k.startsWith("vigil." + section + ".")).collect(Collectors.joining(", "));
    }

    private static Set<String> settingKeys() {
        return Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** vigil.metrics, vigil.http, ...: every proper prefix of a key. */
    private static Set<String> sectionKeys() {
        Set<String> sections = new LinkedHashSet<>();
        for (Setting s : Setting.values()) {
            String key = s.key();
            for (int dot = key.indexOf('.', "vigil.".length()); dot > 0; dot = key.indexOf('.', dot + 1)) {
                sections.add(key.substring(0, dot));
            }
        }
        return sections;
    }
}
