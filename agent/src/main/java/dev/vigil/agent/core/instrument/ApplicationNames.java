package dev.vigil.agent.core.instrument;

/**
 * Names of application classes whose packages the agent also ships, shaded. The build relocates every
 * string constant that looks like {@code ch.qos.logback...} to {@code dev.vigil.agent.shaded...}, which
 * would make a matcher look for the agent's own copy; spelled with another separator and turned into a
 * class name at run time, the application's name survives the build.
 */
public final class ApplicationNames {
    private ApplicationNames() {
    }

    /** {@code of("ch:qos:logback:classic:spi:LoggingEvent")} is the application's {@code ch.qos.logback.classic.spi.LoggingEvent}. */
    public static String of(String colonSeparated) {
        return colonSeparated.replace(':', '.');
    }
}
