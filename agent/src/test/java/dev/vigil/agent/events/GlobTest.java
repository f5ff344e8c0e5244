package dev.vigil.agent.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void starStandsForAnyTextAndTheRestIsLiteral() {
        Glob glob = Glob.of("User * signed up");
        assertThat(glob.matches("User 42 signed up")).isTrue();
        assertThat(glob.matches("User  signed up")).isTrue();
        assertThat(glob.matches("User 42 signed up twice")).isFalse();
        assertThat(glob.matches("A User 42 signed up")).isFalse();
        assertThat(Glob.of("order ? (.*)").matches("order ? (.*)")).isTrue();
        assertThat(Glob.of("order ? (.*)").matches("order 1 (x)")).isFalse();
    }

    @Test
    void leadingTrailingAndRepeatedStars() {
        assertThat(Glob.of("*").matches("anything")).isTrue();
        assertThat(Glob.of("*").matches("")).isTrue();
        assertThat(Glob.of("*failed").matches("payment failed")).isTrue();
        assertThat(Glob.of("*failed").matches("failed payment")).isFalse();
        assertThat(Glob.of("paid*").matches("paid 3 EUR")).isTrue();
        assertThat(Glob.of("a*b*c").matches("abc")).isTrue();
        assertThat(Glob.of("a*b*c").matches("a-c-b")).isFalse();
        assertThat(Glob.of("ab*ba").matches("aba")).isFalse(); // the two literals may not overlap
        assertThat(Glob.of("a**b").matches("a-b")).isTrue();
        assertThat(Glob.of("exact").matches("exact")).isTrue();
        assertThat(Glob.of("exact").matches("exactly")).isFalse();
        assertThat(Glob.of("x").matches(null)).isFalse();
    }
}
