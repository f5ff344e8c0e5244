package dev.vigil.agent.core.config;

/**
 * One thing wrong with the configuration, as one log line: the key, where it was set (file and line,
 * system property or environment variable), what was expected and what the agent does instead.
 */
public record ConfigProblem(Severity severity, String message) {

    public enum Severity {
        /** A value was given but cannot be used; the agent fell back to a default or switched something off. */
        ERROR,
        /** Something was ignored, such as an unknown key. */
        WARN
    }

    public static ConfigProblem error(String message) {
        return new ConfigProblem(Severity.ERROR, message);
    }

    public static ConfigProblem warn(String message) {
        return new ConfigProblem(Severity.WARN, message);
    }

    @Override
    public String toString() {
        return severity + " " + message;
    }
}
