package dev.vigil.agent.alerts;

/**
 * Writes YAML by hand, so the generated files keep their comments, their key order and block-scalar
 * expressions a person can read. Every free text is double-quoted (JSON string syntax, which YAML
 * reads the same way), so no value can be mistaken for a number, a boolean or YAML syntax.
 */
final class YamlText {
    private final StringBuilder text = new StringBuilder();

    /** {@code "text"} with backslash, double quote and control characters escaped. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** {@code 'text'}: easier to read than double quotes for series with many {@code "}, as promtool tests have. */
    static String singleQuote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    YamlText line(int indent, String content) {
        text.append(" ".repeat(indent)).append(content).append('\n');
        return this;
    }

    YamlText blank() {
        text.append('\n');
        return this;
    }

    /** {@code key: |} followed by the lines of {@code block}, indented two more than the key. */
    YamlText block(int indent, String key, String block) {
        line(indent, key + ": |");
        block.lines().forEach(l -> line(indent + 2, l));
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
