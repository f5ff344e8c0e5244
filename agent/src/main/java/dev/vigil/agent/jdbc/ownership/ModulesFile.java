package dev.vigil.agent.jdbc.ownership;

import static dev.vigil.agent.core.yaml.YamlDocument.isNull;
import static dev.vigil.agent.core.yaml.YamlDocument.line;
import static dev.vigil.agent.core.yaml.YamlDocument.scalar;

import dev.vigil.agent.core.config.ConfigProblem;
import dev.vigil.agent.core.yaml.DidYouMean;
import dev.vigil.agent.core.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code modules:} section of {@code vigil.yaml}: each module's code by package prefix, and the tables
 * it owns.
 * <pre>
 * modules:
 *   catalog:   { packages: com.shop.catalog, tables: [product, product_view] }
 *   customers: { packages: [com.shop.customers, com.shop.signup], tables: customer }
 *   orders:    { packages: com.shop.orders }      # owns what it writes most (see DataOwnership)
 * </pre>
 * A wrong module is reported with its file and line and left out; the others count.
 */
public final class ModulesFile {
    /** A module name is a label value: plain, short. */
    static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern PACKAGE = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern TABLE = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$.]{0,127}");
    private static final Set<String> KEYS = Set.of("packages", "tables");
    private static final String FORM = "such as 'orders: { packages: com.shop.orders, tables: [orders, order_line] }'";

    private final String file;
    private final List<ConfigProblem> problems;

    private ModulesFile(String file, List<ConfigProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The modules of {@code document} (none when it is null or has no {@code modules:}). */
    public static List<Module> read(YamlDocument document, List<ConfigProblem> problems) {
        if (document == null) {
            return List.of();
        }
        Node section = document.section("modules");
        if (section == null || isNull(section)) {
            return List.of();
        }
        ModulesFile reader = new ModulesFile(document.name(), problems);
        if (!(section instanceof MappingNode mapping)) {
            problems.add(ConfigProblem.error(document.at(section) + ": modules: expected a mapping of module names to"
                    + " their packages and tables, " + FORM + "; no module is declared"));
            return List.of();
        }
        List<Module> modules = new ArrayList<>();
        Map<String, Module> ownerOf = new HashMap<>();
        for (NodeTuple entry : mapping.getValue()) {
            Module module = reader.module(entry, modules);
            if (module == null) {
                continue;
            }
            String taken = module.tables().stream().filter(ownerOf::containsKey).findFirst().orElse(null);
            if (taken != null) {
                reader.error(entry.getKeyNode(), "module " + module.name() + ": table " + taken + " is already owned by module "
                        + ownerOf.get(taken).name() + " (" + ownerOf.get(taken).where() + "); a table has one owner");
                continue;
            }
            module.tables().forEach(t -> ownerOf.put(t, module));
            modules.add(module);
        }
        return modules;
    }

    private Module module(NodeTuple entry, List<Module> earlier) {
        String name = scalar(entry.getKeyNode());
        if (name == null || !MODULE_NAME.matcher(name).matches()) {
            error(entry.getKeyNode(), "expected a module name of letters, digits and . _ - (at most 64), such as orders");
            return null;
        }
        if (earlier.stream().anyMatch(m -> m.name().equals(name))) {
            error(entry.getKeyNode(), "module " + name + " is declared twice");
            return null;
        }
        if (!(entry.getValueNode() instanceof MappingNode body)) {
            error(entry.getValueNode(), "module " + name + ": expected { packages: ..., tables: [...] }, " + FORM);
            return null;
        }
        List<String> packages = null;
        List<String> tables = List.of();
        for (NodeTuple tuple : body.getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (key == null || !KEYS.contains(key)) {
                error(tuple.getKeyNode(), "module " + name + ": unknown key" + (key == null ? "" : " '" + key + "'")
                        + ", expected packages and tables" + (key == null ? "" : DidYouMean.suffix(key, KEYS)));
                return null;
            }
            List<String> values = list(tuple.getValueNode(), key.equals("packages") ? PACKAGE : TABLE);
            if (values == null) {
                error(tuple.getValueNode(), "module " + name + ": " + key + ": expected "
                        + (key.equals("packages") ? "a Java package such as com.shop.orders, or a list of them"
                                : "a table name such as order_line, or a list of them"));
                return null;
            }
            if (key.equals("packages")) {
                packages = values;
            } else {
                tables = values.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            }
        }
        if (packages == null || packages.isEmpty()) {
            error(body, "module " + name + ": expected packages, the prefix of its code's packages, " + FORM);
            return null;
        }
        return new Module(name, packages, tables, file + " line " + line(entry.getKeyNode()));
    }

    /** One value or a list of them, each matching {@code pattern}; null if any does not. */
    private static List<String> list(Node node, Pattern pattern) {
        List<Node> items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
        List<String> values = new ArrayList<>();
        for (Node item : items) {
            String text = scalar(item);
            if (text == null || !pattern.matcher(text.strip()).matches()) {
                return null;
            }
            values.add(text.strip());
        }
        return values;
    }

    private void error(Node node, String message) {
        problems.add(ConfigProblem.error(file + " line " + line(node) + ": " + message + "; this module is ignored, the others count"));
    }
}
