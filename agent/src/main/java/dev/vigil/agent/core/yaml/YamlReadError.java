package dev.vigil.agent.core.yaml;

/**
 * A YAML file that could not be composed: unreadable (no such file, permission denied), or not YAML, with
 * the line and column of the problem when SnakeYAML knows them. Each reader words the consequence itself
 * ("the whole file is ignored", exit code 2).
 */
public final class YamlReadError extends Exception {
    private final boolean syntax;
    private final boolean opened;

    private YamlReadError(boolean syntax, boolean opened, String detail) {
        super(detail, null, false, false);
        this.syntax = syntax;
        this.opened = opened;
    }

    static YamlReadError unreadable(String reason) {
        return new YamlReadError(false, false, reason);
    }

    /** Opened, then failed while reading (a directory, bad UTF-8). */
    static YamlReadError unreadableContent(String reason) {
        return new YamlReadError(false, true, reason);
    }

    static YamlReadError syntax(String where) {
        return new YamlReadError(true, true, where);
    }

    /** The file could be opened: the path is right, its content is not. */
    public boolean wasOpened() {
        return opened;
    }

    /** True when the file was read but is not valid YAML; false when it could not be read at all. */
    public boolean isSyntax() {
        return syntax;
    }

    /** For an unreadable file, why ("no such file"); for a syntax error, " line L column C: problem". */
    public String detail() {
        return getMessage();
    }
}
