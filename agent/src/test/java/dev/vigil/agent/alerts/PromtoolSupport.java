package dev.vigil.agent.alerts;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * promtool for the tests that need it (Debian's {@code prometheus} package). Without it those tests
 * skip, unless {@code VIGIL_REQUIRE_SERVICES=1} (as in CI) makes that a failure.
 */
final class PromtoolSupport {
    private PromtoolSupport() {
    }

    static Promtool require() {
        Path promtool = Promtool.onPath().orElse(null);
        if (promtool == null) {
            String why = "promtool is not on the PATH (Debian: apt-get install prometheus)";
            if ("1".equals(System.getenv("VIGIL_REQUIRE_SERVICES"))) {
                fail(why + ", and VIGIL_REQUIRE_SERVICES=1 says it must be there");
            }
            Assumptions.abort(why + " — skipping (set VIGIL_REQUIRE_SERVICES=1 to make this a failure)");
        }
        return new Promtool(promtool);
    }
}
