package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** Without the agent the API is inert: it answers false and never throws, whatever it is given. */
class VigilTest {
    @Test
    void withoutTheAgentEveryCallIsANoOp() {
        assertThat(Vigil.isActive()).isFalse();
        assertThatCode(() -> {
            Vigil.event("signup.completed");
            Vigil.event("payment.authorized", "method", "card");
            Vigil.failure("payment.authorized", "method", "card");
            Vigil.failure("checkout");
            Vigil.event(null);
            Vigil.event("odd", "one");
            Vigil.event("nulls", (String[]) null);
        }).doesNotThrowAnyException();
    }
}
