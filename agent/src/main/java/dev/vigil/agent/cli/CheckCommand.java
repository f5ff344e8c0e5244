package dev.vigil.agent.cli;

import dev.vigil.agent.core.config.ConfigProblem;
import dev.vigil.agent.core.config.VigilConfig;
import dev.vigil.agent.events.EventRule;
import dev.vigil.agent.events.EventsFile;
import dev.vigil.agent.jdbc.ownership.Module;
import dev.vigil.agent.jdbc.ownership.ModulesFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar vigil-agent.jar check vigil.yaml}: reads the file as the agent would at start-up and
 * prints every problem (file, line, what was expected), so a deployment can fail before the
 * application starts rather than run with a setting ignored. Exit 0 when clean, 1 on errors.
 */
final class CheckCommand {
    private CheckCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            err.println("usage: java -jar vigil-agent.jar check vigil.yaml");
            return Main.USAGE_ERROR;
        }
        Path file = Path.of(args.get(0));
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return Main.USAGE_ERROR;
        }
        // Only the file: the settings of this shell (VIGIL_*, -Dvigil.*) are not what the application will have.
        VigilConfig config = VigilConfig.load(Map.of("vigil.config", file.toString()), Map.of());
        List<ConfigProblem> problems = new ArrayList<>(config.problems());
        List<EventRule> events = EventsFile.read(config.yaml(), problems);
        List<Module> modules = ModulesFile.read(config.yaml(), problems);
        int errors = 0;
        for (ConfigProblem problem : problems) {
            boolean error = problem.severity() == ConfigProblem.Severity.ERROR;
            errors += error ? 1 : 0;
            (error ? err : out).println((error ? "error: " : "warning: ") + problem.message());
        }
        out.println(file + ": " + (errors == 0 ? "OK" : errors + " error" + (errors == 1 ? "" : "s")) + ", "
                + events.size() + " business event" + (events.size() == 1 ? "" : "s") + " declared"
                + (modules.isEmpty() ? "" : ", " + modules.size() + " module" + (modules.size() == 1 ? "" : "s")));
        return errors == 0 ? 0 : 1;
    }
}
