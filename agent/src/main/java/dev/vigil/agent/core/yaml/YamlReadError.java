package dev.vigil.agent.core.yaml;

/**
 * A YAML file that could not be composed: unreadable (no such file, permission denied), or not YAML, with
 * the line and column of the problem when SnakeYAML knows them. Each reader words the consequence itself
 * ("the whole file is ignored", exit code 2).
 */
public final class YamlReadError extends Exception {
    private final boolean syntax;
    private final boolean opened;
    private final String where;
    private final String problem;

    private YamlReadError(boolean syntax, boolean opened, String where, String problem) {
        super(where + (syntax ? ": " : "") + problem, null, false, false);
        this.syntax = syntax;
        this.opened = opened;
        this.where = where;
        this.problem = problem;
    }

    static YamlReadError unreadable(String reason) {
        return new YamlReadError(false, false, "", reason);
    }

    /** Opened, then failed while reading (a directory, bad UTF-8). */
    static YamlReadError unreadableContent(String reason) {
        return new YamlReadError(false, true, "", reason);
    }

    /** {@code where} is " line L column C", or empty when SnakeYAML does not say. */
    static YamlReadError syntax(String where, String problem) {
        return new YamlReadError(true, true, where, problem);
    }

    /** " line L column C" of a syntax error, or empty. */
    public String where() {
        return where;
    }

    /** What is wrong: SnakeYAML's problem, or why the file could not be read. */
    public String problem() {
        return problem;
    }

    /** The file could be opened: the path is right, its content is not. */
    public boolean wasOpened() {
        return opened;
    }

    /** True when the file was read but is not valid YAML; false when it could not be read at all. */
    public boolean isSyntax() {
        return syntax;
    }

}
