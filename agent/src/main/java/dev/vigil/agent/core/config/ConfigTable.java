package dev.vigil.agent.core.config;

/**
 * Renders the README's table of settings from {@link Setting}, so the documentation cannot drift
 * from the code ({@code ConfigTableTest} compares the two).
 */
public final class ConfigTable {

    private ConfigTable() {
    }

    /** {@code | key | env | default | description |}, one row per setting in declaration order. */
    public static String markdown() {
        StringBuilder table = new StringBuilder("| key | env | default | description |\n|---|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            table.append("| `").append(setting.key())
                    .append("` | `").append(setting.envName())
                    .append("` | ").append(setting.defaultText().isEmpty() ? "(empty)" : "`" + setting.defaultText() + "`")
                    .append(" | ").append(cell(description(setting)))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String description(Setting setting) {
        ValueType type = setting.type();
        // Text and paths need no hint and a true/false default shows its own form; the other hints come
        // from the same place validation uses, so the documented range is the enforced one.
        boolean obvious = type == ValueType.STRING || type == ValueType.PATH || type == ValueType.BOOLEAN;
        return obvious ? setting.description() : setting.description() + " (" + type.expected() + ")";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
