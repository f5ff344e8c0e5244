package dev.vigil.agent.alerts;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code java -jar vigil-agent.jar alerts FILE [-o DIR] [--check]}: compiles an alerts file into a
 * Prometheus rule file, its promtool tests and Grafana alert provisioning, and optionally has promtool
 * check them.
 */
public final class AlertsCommand {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int USAGE_ERROR = 2;

    static final String RULES_FILE = "vigil-user-alerts.rules.yaml";
    static final String TESTS_FILE = "vigil-user-alerts.rules.test.yaml";
    static final String GRAFANA_FILE = "vigil-user-alerts.grafana.yaml";

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<Optional<Path>> promtoolOnPath;

    AlertsCommand(PrintStream out, PrintStream err, Supplier<Optional<Path>> promtoolOnPath) {
        this.out = out;
        this.err = err;
        this.promtoolOnPath = promtoolOnPath;
    }

    /** Runs the command with the arguments after {@code alerts}; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return new AlertsCommand(out, err, Promtool::onPath).execute(args);
    }

    public static String usage() {
        return """
                Usage: java -jar vigil-agent.jar alerts FILE [-o DIR] [--check] [--promtool PATH] [--datasource-uid UID]

                Compiles FILE (alerts and SLOs; the format is in docs/ALERTS.md) into DIR:
                  %s        Prometheus recording and alerting rules
                  %s   promtool unit tests of every alert
                  %s      the same alerts as Grafana-managed rules (provisioning/alerting/)

                Options:
                  -o, --output DIR       where to write, created if missing (default: the current directory)
                  --check                then run `promtool check rules` and `promtool test rules` on the output
                  --promtool PATH        the promtool to run (default: promtool on the PATH)
                  --datasource-uid UID   uid of Grafana's Prometheus datasource (default: %s)
                  -h, --help             this text

                Exit status: 0 written (and checked), 1 promtool found a problem, 2 a usage or alerts file error
                (or --check without promtool).
                """.formatted(RULES_FILE, TESTS_FILE, GRAFANA_FILE, GrafanaProvisioningWriter.DEFAULT_DATASOURCE_UID);
    }

    int execute(List<String> args) {
        Path file = null;
        Path outputDir = Path.of(".");
        boolean check = false;
        Path promtoolPath = null;
        String datasourceUid = GrafanaProvisioningWriter.DEFAULT_DATASOURCE_UID;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help" -> {
                    out.print(usage());
                    return OK;
                }
                case "--check" -> check = true;
                case "-o", "--output", "--promtool", "--datasource-uid" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                        return usageError(arg + " needs a value");
                    }
                    String value = args.get(++i);
                    switch (arg) {
                        case "--promtool" -> promtoolPath = Path.of(value);
                        case "--datasource-uid" -> datasourceUid = value;
                        default -> outputDir = Path.of(value);
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        return usageError("unknown option " + arg);
                    }
                    if (file != null) {
                        return usageError("one alerts file at a time, got " + file + " and " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            return usageError("which alerts file? for example: alerts alerts.yaml -o out/");
        }
        if (promtoolPath != null && !(Files.isRegularFile(promtoolPath) && Files.isExecutable(promtoolPath))) {
            return usageError("--promtool " + promtoolPath + ": not an executable file");
        }

        AlertsConfig config;
        try {
            config = AlertsFile.read(file, file.toString());
        } catch (AlertsFileException e) {
            err.println(e.getMessage());
            return USAGE_ERROR;
        }
        String sourceName = String.valueOf(file.getFileName());
        AlertsCompiler compiler = new AlertsCompiler(config.grafanaUrl());
        AlertsCompiler.CompiledRules rules = compiler.compile(config);
        Path rulesFile = outputDir.resolve(RULES_FILE);
        Path testsFile = outputDir.resolve(TESTS_FILE);
        Path grafanaFile = outputDir.resolve(GRAFANA_FILE);
        try {
            Files.createDirectories(outputDir);
            Files.writeString(rulesFile, PrometheusRulesWriter.write(rules, sourceName, TESTS_FILE), StandardCharsets.UTF_8);
            Files.writeString(testsFile, PromtoolTestsWriter.write(config, compiler, RULES_FILE, sourceName), StandardCharsets.UTF_8);
            Files.writeString(grafanaFile, GrafanaProvisioningWriter.write(rules, sourceName, datasourceUid), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot write to " + outputDir + ": " + e.getMessage());
            return USAGE_ERROR;
        }
        out.println("wrote " + rulesFile + " (" + rules.alerts().size() + " alerts, " + (rules.recordingRules().size() + rules.budgetRules().size())
                + " recording rules from " + config.alerts().size() + " alerts and " + config.slos().size() + " SLOs)");
        out.println("wrote " + testsFile);
        out.println("wrote " + grafanaFile);
        if (!check) {
            return OK;
        }
        Optional<Path> promtool = promtoolPath != null ? Optional.of(promtoolPath) : promtoolOnPath.get();
        if (promtool.isEmpty()) {
            // Exit 0 would tell a build script that the check passed; it never ran.
            err.println("alerts: --check needs promtool, which is not on the PATH: the rules were written but not checked"
                    + " (install Prometheus' promtool, e.g. apt-get install prometheus, or pass --promtool PATH)");
            return USAGE_ERROR;
        }
        return check(new Promtool(promtool.get()), rulesFile, testsFile);
    }

    private int check(Promtool promtool, Path rulesFile, Path testsFile) {
        boolean passed = true;
        for (String[] command : List.of(new String[] {"check", "rules", rulesFile.toString()},
                new String[] {"test", "rules", testsFile.toString()})) {
            out.println("$ " + promtool.executable() + " " + String.join(" ", command));
            try {
                Promtool.Result result = promtool.run(command);
                out.print(result.output());
                passed &= result.passed();
            } catch (IOException e) {
                err.println("cannot run " + promtool.executable() + ": " + e.getMessage());
                return CHECK_FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("interrupted while running " + promtool.executable());
                return CHECK_FAILED;
            }
        }
        if (!passed) {
            err.println("promtool found a problem in the compiled rules (see above)");
            return CHECK_FAILED;
        }
        out.println("promtool: the rules are valid and every generated test passes");
        return OK;
    }

    private int usageError(String message) {
        err.println("alerts: " + message);
        err.println();
        err.print(usage());
        return USAGE_ERROR;
    }
}
