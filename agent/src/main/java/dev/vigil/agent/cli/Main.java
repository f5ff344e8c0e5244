package dev.vigil.agent.cli;

import dev.vigil.agent.alerts.AlertsCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar vigil-agent.jar [COMMAND ...]}: the agent's command line. */
public final class Main {
    static final int USAGE_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs a command and returns its exit status, so tests can call it without exiting the JVM. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            out.println("Vigil agent. Attach it with -javaagent:vigil-agent.jar; metrics are served on :9464/metrics.");
            out.println("Configuration keys are listed in the README.");
            out.println();
            out.print(usage());
            return 0;
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "alerts":
                return AlertsCommand.run(rest, out, err);
            case "check":
                return CheckCommand.run(rest, out, err);
            case "audit":
                return AuditCommand.run(rest, out, err);
            case "help", "-h", "--help":
                out.print(usage());
                return 0;
            default:
                err.println("unknown command " + args.get(0));
                err.println();
                err.print(usage());
                return USAGE_ERROR;
        }
    }

    static String usage() {
        return """
                Usage: java -jar vigil-agent.jar COMMAND [ARGS]

                Commands:
                  alerts FILE -o DIR [--check]   compile alerts and SLOs into Prometheus rules, promtool tests
                                                 and Grafana alert provisioning (alerts --help for more)
                  check FILE                     read a vigil.yaml as the agent would and print every problem
                                                 (file, line, expected form); exit 1 on errors
                  audit URL [-o FILE]            write the audit of a running agent (http://HOST:9464) as one
                                                 HTML page: slow routes, N+1, full scans, indexes, events
                """;
    }
}
