package dev.vigil.agent.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigTableTest {

    private static final String START = "<!-- config-table:start -->";
    private static final String END = "<!-- config-table:end -->";

    @Test
    void hasOneRowPerSetting() {
        String table = ConfigTable.markdown();

        assertThat(table.lines()).hasSize(Setting.values().length + 2);
        assertThat(table).contains(
                "| `vigil.metrics.port` | `VIGIL_METRICS_PORT` | `9464` | Port of the metrics endpoint;"
                        + " a bad value turns the endpoint off (a port number 1-65535) |");
    }

    @Test
    void readmeTableMatchesTheSettings() throws IOException {
        // Surefire runs in the agent module, so the repository root is one level up.
        Path readme = Path.of("..", "README.md").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(readme), () -> "skipped: no README.md at " + readme
                + "; it should hold ConfigTable.markdown() between " + START + " and " + END);

        String text = Files.readString(readme).replace("\r\n", "\n");
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        String expected = ConfigTable.markdown().strip();
        assertThat(start >= 0 && end > start)
                .as("%s needs the markers %s and %s around this table:%n%s", readme, START, END, expected)
                .isTrue();
        assertThat(text.substring(start + START.length(), end).strip())
                .as("the table in %s is out of date; replace it with ConfigTable.markdown()", readme)
                .isEqualTo(expected);
    }
}
