package dev.vigil.agent.core.config;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * An application's {@code application.properties} or {@code application.yml}, reduced to the keys that
 * apply whatever profile is active, flattened with dots: {@code spring:\n  application:\n    name: shop}
 * and {@code spring.application.name: shop} both give {@code spring.application.name=shop}.
 *
 * <p>A document that Spring only activates on a condition ({@code spring.config.activate.on-profile},
 * or the older {@code spring.profiles}) is left out, as are Quarkus' {@code %prod.} keys (they keep their
 * prefix); of the rest, a later document overrides an earlier one, as in Spring.
 *
 * <p>The YAML reader is written here rather than taken from SnakeYAML because it runs in premain, where
 * loading a full parser would cost more than the whole lookup should. It reads block mappings with plain
 * or quoted scalars, which is how these files are written; a value in any other form (flow style, block
 * scalar, alias, tag) is left unset, so the caller falls through to its next source instead of guessing.
 */
final class AppConfigFile {

    // Spring Boot's separator between documents in one .properties file.
    private static final Pattern PROPERTIES_DOCUMENT = Pattern.compile("(?m)^[#!]---[ \\t]*$");
    private static final Pattern LINE = Pattern.compile("\r\n|\r|\n");

    private AppConfigFile() {
    }

    /** The flattened keys of {@code text}, read as YAML if the name ends in .yml or .yaml, else as properties. */
    static Map<String, String> parse(String fileName, String text) throws IOException {
        return fileName.endsWith(".yml") || fileName.endsWith(".yaml") ? yaml(text) : properties(text);
    }

    static Map<String, String> properties(String text) throws IOException {
        Map<String, String> keys = new HashMap<>();
        for (String documentText : PROPERTIES_DOCUMENT.split(text)) {
            Properties document = new Properties();
            document.load(new StringReader(documentText));
            Map<String, String> flat = new HashMap<>();
            for (String name : document.stringPropertyNames()) {
                flat.put(name, document.getProperty(name).strip());
            }
            mergeUnconditional(flat, keys);
        }
        return keys;
    }

    static Map<String, String> yaml(String text) {
        Map<String, String> keys = new HashMap<>();
        Map<String, String> document = new HashMap<>();
        Deque<Parent> parents = new ArrayDeque<>();
        // Lines indented deeper than this belong to a sequence or a block scalar, which hold no keys we read.
        int skipDeeperThan = Integer.MAX_VALUE;
        boolean inSequence = false;
        for (String line : LINE.split(text)) {
            if (line.startsWith("---") && (line.length() == 3 || Character.isWhitespace(line.charAt(3)))
                    || line.equals("...")) {
                mergeUnconditional(document, keys);
                document = new HashMap<>();
                parents.clear();
                skipDeeperThan = Integer.MAX_VALUE;
                inSequence = false;
                continue;
            }
            String content = withoutComment(line);
            int indent = 0;
            while (indent < content.length() && content.charAt(indent) == ' ') {
                indent++;
            }
            if (indent == content.length() || content.charAt(indent) == '\t' || content.charAt(indent) == '%') {
                continue; // blank, tab-indented (not YAML) or a directive
            }
            String rest = content.substring(indent).stripTrailing();
            boolean sequenceItem = rest.equals("-") || rest.startsWith("- ");
            if (indent > skipDeeperThan || (inSequence && indent == skipDeeperThan && sequenceItem)) {
                continue;
            }
            skipDeeperThan = Integer.MAX_VALUE;
            inSequence = false;
            if (sequenceItem) {
                skipDeeperThan = indent;
                inSequence = true;
                continue;
            }
            int colon = keyEnd(rest);
            if (colon < 0) {
                continue; // a continued plain scalar or something this reader does not follow
            }
            String key = scalar(rest.substring(0, colon).strip());
            String value = rest.substring(colon + 1).strip();
            while (!parents.isEmpty() && parents.peek().indent >= indent) {
                parents.pop();
            }
            if (key == null) {
                skipDeeperThan = indent;
                continue;
            }
            String path = parents.isEmpty() ? key : parents.peek().path + "." + key;
            if (value.isEmpty()) {
                parents.push(new Parent(indent, path));
                continue;
            }
            String scalar = scalar(value);
            if (scalar == null) {
                document.remove(path);
                skipDeeperThan = indent; // a block scalar's lines, or a flow collection's continuation
            } else {
                document.put(path, scalar);
            }
        }
        mergeUnconditional(document, keys);
        return keys;
    }

    private record Parent(int indent, String path) {
    }

    private static void mergeUnconditional(Map<String, String> document, Map<String, String> into) {
        for (String key : document.keySet()) {
            if (key.startsWith("spring.config.activate.") || key.equals("spring.profiles")) {
                return;
            }
        }
        into.putAll(document);
    }

    /** The line up to a comment: '#' at its start or after a blank, outside quotes. */
    private static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The index of the ':' that ends a mapping key (followed by a blank or the end), outside quotes; -1 if none. */
    private static int keyEnd(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && i == 0) {
                quote = c;
            } else if (c == ':' && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return i;
            }
        }
        return -1;
    }

    /** A plain or quoted scalar's value; null for YAML's null and for any form this reader does not take. */
    private static String scalar(String text) {
        if (text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null") || text.equals("NULL")) {
            return null;
        }
        char first = text.charAt(0);
        if (first == '"') {
            return doubleQuoted(text);
        }
        if (first == '\'') {
            int end = text.length() - 1;
            if (end == 0 || text.charAt(end) != '\'') {
                return null;
            }
            return text.substring(1, end).replace("''", "'");
        }
        // Indicators that start something other than a plain scalar: flow collections, block scalars,
        // anchors, aliases, tags, and the reserved ones.
        if ("[]{}|>&*!%@`,?".indexOf(first) >= 0 || (first == '-' && text.length() > 1 && text.charAt(1) == ' ')) {
            return null;
        }
        return text;
    }

    private static String doubleQuoted(String text) {
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i == text.length() - 1 ? value.toString() : null;
            }
            if (c == '\\') {
                if (++i == text.length()) {
                    return null;
                }
                char escaped = text.charAt(i);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 't' -> value.append('\t');
                    case 'n' -> value.append('\n');
                    default -> {
                        return null; // \\u and the rest: not in a service name worth guessing at
                    }
                }
            } else {
                value.append(c);
            }
        }
        return null;
    }
}
