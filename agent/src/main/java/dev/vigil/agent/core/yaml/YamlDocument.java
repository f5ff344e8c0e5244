package dev.vigil.agent.core.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML file of Vigil's ({@code vigil.yaml}, {@code alerts.yaml}) composed once into SnakeYAML's nodes,
 * which keep their line for messages: "vigil.yaml line 12: ...". Settings, business events and alerts all
 * read their sections from here, so a file is parsed once and every reader reports the same way.
 *
 * <p>Nothing is constructed from the YAML (no tags, no objects), and the input is bounded: a file larger
 * than {@link #MAX_CODE_POINTS} or an alias bomb fails at once with a line, not after a minute and a
 * gigabyte.
 */
public final class YamlDocument {
    /** A hand-written configuration is a few kilobytes; a megabyte is a wrong file. */
    public static final int MAX_CODE_POINTS = 1_000_000;
    private static final int MAX_ALIASES = 20;
    private static final int MAX_DEPTH = 20;

    private final String name;
    private final Node root;

    private YamlDocument(String name, Node root) {
        this.name = name;
        this.root = root;
    }

    /** Composes {@code file}; {@code name()} is the path as given. */
    public static YamlDocument read(Path file) throws YamlReadError {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new YamlDocument(file.toString(), compose(reader));
        } catch (IOException e) {
            throw YamlReadError.unreadable(reason(e));
        } catch (MarkedYAMLException e) {
            throw YamlReadError.syntax(at(e), problemText(e));
        } catch (YAMLException e) {
            // SnakeYAML wraps read errors (a directory, bad UTF-8) that happen after the file was opened,
            // and its own limits.
            throw e.getCause() instanceof IOException io ? YamlReadError.unreadableContent(reason(io))
                    : YamlReadError.syntax("", e.getMessage());
        }
    }

    /** Composes {@code text}, named {@code name} in messages (tests, text from elsewhere). */
    public static YamlDocument parse(String text, String name) throws YamlReadError {
        try {
            return new YamlDocument(name, compose(new StringReader(text)));
        } catch (MarkedYAMLException e) {
            throw YamlReadError.syntax(at(e), problemText(e));
        } catch (YAMLException e) {
            throw YamlReadError.syntax("", e.getMessage());
        }
    }

    private static Node compose(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        return new Yaml(new SafeConstructor(options)).compose(reader);
    }

    /** The file as named in messages. */
    public String name() {
        return name;
    }

    /** The top node, or null for an empty file (or one of comments only). */
    public Node root() {
        return root;
    }

    /** A top-level section: {@code name:}, {@code vigil.name:} or {@code name:} under a {@code vigil:} wrapper; or null. */
    public Node section(String sectionName) {
        return section(root, sectionName);
    }

    private static Node section(Node node, String sectionName) {
        if (!(node instanceof MappingNode mapping)) {
            return null;
        }
        for (NodeTuple entry : mapping.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode key) {
                if (key.getValue().equals(sectionName) || key.getValue().equals("vigil." + sectionName)) {
                    return entry.getValueNode();
                }
                if (key.getValue().equals("vigil")) {
                    Node inner = section(entry.getValueNode(), sectionName);
                    if (inner != null) {
                        return inner;
                    }
                }
            }
        }
        return null;
    }

    /** "vigil.yaml line 12": where a node is, as a person finds it in an editor. */
    public String at(Node node) {
        return name + " line " + line(node);
    }

    public static int line(Node node) {
        return node.getStartMark().getLine() + 1; // SnakeYAML counts from 0, editors from 1
    }

    /** {@code key:} with nothing after it, or {@code ~}, or {@code null}. */
    public static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** The text of a plain value, or null for a null, a list or a mapping. */
    public static String scalar(Node node) {
        return node instanceof ScalarNode scalar && !isNull(node) ? scalar.getValue() : null;
    }

    private static String at(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        return mark == null ? "" : " line " + (mark.getLine() + 1) + " column " + (mark.getColumn() + 1);
    }

    private static String problemText(MarkedYAMLException e) {
        // Some problems only make sense after their context: "expected a single document ... but found another".
        String problem = String.valueOf(e.getProblem());
        return problem.startsWith("but ") && e.getContext() != null ? e.getContext() + " " + problem : problem;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
