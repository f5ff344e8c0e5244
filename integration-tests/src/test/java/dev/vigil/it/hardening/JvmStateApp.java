package dev.vigil.it.hardening;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Locale;
import java.util.TimeZone;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.management.MBeanServerFactory;

/**
 * An application that configures the JVM-wide state an agent could take from it, the way frameworks do,
 * and prints what it got. Run by {@link AppLoggingHardeningIT} in its own JVM, with JBoss LogManager on the
 * class path, with and without the agent:
 * {@code java -cp test-classes:jboss-logmanager.jar dev.vigil.it.hardening.JvmStateApp MODE TRIGGER_FILE}.
 *
 * <p>It first spends a moment booting, as a framework does before its logging set-up: long enough for an
 * agent thread that did not wait to get there first. MODE {@code in-main} then sets
 * {@code java.util.logging.manager} itself, as Quarkus does; {@code command-line} expects it on the command
 * line, as WildFly does. It sets {@code user.timezone} (read once, by the first {@code TimeZone.getDefault()}),
 * logs through JUL and {@code System.Logger}, prints {@code STATE ...}, and once TRIGGER_FILE exists (the test
 * has read the agent's {@code /metrics}), prints the state again and whether it can still install a URL
 * stream handler factory (possible once per JVM).
 */
public final class JvmStateApp {
    static final String TIME_ZONE = "Pacific/Chatham";

    private JvmStateApp() {
    }

    public static void main(String[] args) throws Exception {
        Thread.sleep(1500);
        if (args[0].equals("in-main")) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        System.setProperty("user.timezone", TIME_ZONE);
        Logger.getLogger("dev.vigil.app").info("application started");
        System.getLogger("dev.vigil.app.system").log(System.Logger.Level.INFO, "hello through System.Logger");
        System.out.println("STATE " + state());
        System.out.flush();

        Path trigger = Path.of(args[1]);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(trigger) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String factory;
        try {
            URL.setURLStreamHandlerFactory(protocol -> null);
            factory = "free";
        } catch (Error e) {
            factory = "taken";
        }
        System.out.println("LATER " + state() + " urlStreamHandlerFactory=" + factory);
        Logger.getLogger("dev.vigil.app").warning("application stopping");
        System.out.flush();
    }

    private static String state() throws IOException {
        return "logManager=" + LogManager.getLogManager().getClass().getName()
                + " loggerFinder=" + System.LoggerFinder.getLoggerFinder().getClass().getName()
                + " timeZone=" + TimeZone.getDefault().getID()
                + " locale=" + Locale.getDefault().toLanguageTag()
                + " providers=" + Arrays.stream(Security.getProviders()).map(Provider::getName).collect(Collectors.joining(","))
                + " proxySelector=" + className(ProxySelector.getDefault())
                + " cookieHandler=" + className(CookieHandler.getDefault())
                + " authenticator=" + className(Authenticator.getDefault())
                + " uncaughtHandler=" + className(Thread.getDefaultUncaughtExceptionHandler())
                // findMBeanServer lists the servers created so far (the platform's among them) without creating one.
                + " mbeanServers=" + MBeanServerFactory.findMBeanServer(null).size();
    }

    private static String className(Object o) {
        return o == null ? "none" : o.getClass().getName();
    }
}
