package dev.vigil.examples.shop;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trouble on demand, for demos and tests. Bounded, and the shop listens on 127.0.0.1 unless told otherwise.
 * <pre>
 * POST   /admin/faults  checkoutFailureRate=0.5   half the payments declined (checkout 502)
 * POST   /admin/faults  slowQueryMs=300           a 300 ms statement in every checkout
 * DELETE /admin/faults                            back to normal
 * GET    /slow?ms=600                             one statement of 600 ms (at most 5000)
 * GET    /boom                                    an exception escapes: 500
 * </pre>
 */
@RestController
public class FaultController {

    private final Faults faults;
    private final SlowQuery slowQuery;
    private final JdbcTemplate jdbc;

    public FaultController(Faults faults, SlowQuery slowQuery, JdbcTemplate jdbc) {
        this.faults = faults;
        this.slowQuery = slowQuery;
        this.jdbc = jdbc;
    }

    @GetMapping("/admin/faults")
    public Map<String, Object> faults() {
        return Map.of("checkoutFailureRate", faults.checkoutFailureRate(), "slowQueryMs", faults.slowQueryMs(),
                "paymentDelayMs", faults.paymentDelayMs());
    }

    /** Changes the faults given (query string or form); leaves the others as they are. */
    @PostMapping("/admin/faults")
    public Map<String, Object> setFaults(@RequestParam(name = "checkoutFailureRate", required = false) Double checkoutFailureRate,
                                         @RequestParam(name = "slowQueryMs", required = false) Integer slowQueryMs,
                                         @RequestParam(name = "paymentDelayMs", required = false) Integer paymentDelayMs) {
        if (checkoutFailureRate != null) {
            faults.setCheckoutFailureRate(checkoutFailureRate);
        }
        if (slowQueryMs != null) {
            faults.setSlowQueryMs(slowQueryMs);
        }
        if (paymentDelayMs != null) {
            faults.setPaymentDelayMs(paymentDelayMs);
        }
        return faults();
    }

    @DeleteMapping("/admin/faults")
    public Map<String, Object> reset() {
        faults.reset();
        return faults();
    }

    @GetMapping("/slow")
    public Map<String, Object> slow(@RequestParam(name = "ms", defaultValue = "600") int millis) {
        if (millis < 0 || millis > Faults.MAX_SLOW_QUERY_MS) {
            throw new IllegalArgumentException("ms: expected 0 to " + Faults.MAX_SLOW_QUERY_MS + ", got " + millis);
        }
        slowQuery.run(millis);
        return Map.of("sleptMs", millis);
    }

    /** A statement the database refuses (a table that does not exist): a 500 and a failed statement for the agent. */
    @GetMapping("/bad-sql")
    public Map<String, Object> badSql() {
        jdbc.queryForList("SELECT id FROM shop_no_such_table WHERE id = 1");
        return Map.of("unreachable", true);
    }

    @GetMapping("/boom")
    public String boom() {
        throw new IllegalStateException("boom: an unexpected failure, on purpose");
    }
}
