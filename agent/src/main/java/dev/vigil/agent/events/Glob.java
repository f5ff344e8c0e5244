package dev.vigil.agent.events;

import java.util.ArrayList;
import java.util.List;

/**
 * A message pattern where {@code *} stands for any text, and everything else is literal:
 * {@code "User * signed up"}. Matched without regular expressions, in time linear in the message,
 * so no pattern a user writes can make a log call slow.
 */
public final class Glob {
    private final String pattern;
    private final List<String> parts;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;

    private Glob(String pattern) {
        this.pattern = pattern;
        List<String> split = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) {
            split.add(part);
        }
        this.anchoredStart = !pattern.startsWith("*");
        this.anchoredEnd = !pattern.endsWith("*");
        split.removeIf(String::isEmpty);
        this.parts = List.copyOf(split);
    }

    public static Glob of(String pattern) {
        return new Glob(pattern);
    }

    public boolean matches(String text) {
        if (text == null) {
            return false;
        }
        if (parts.isEmpty()) {
            // "" matches only "", "*" (or "**") matches anything
            return !anchoredStart ? true : text.isEmpty();
        }
        int from = 0;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            boolean first = i == 0;
            boolean last = i == parts.size() - 1;
            if (first && anchoredStart) {
                if (!text.startsWith(part)) {
                    return false;
                }
                from = part.length();
                if (last && anchoredEnd) {
                    return text.length() == part.length();
                }
                continue;
            }
            if (last && anchoredEnd) {
                // The last literal must end the text, and must not overlap what earlier parts used.
                return text.length() - part.length() >= from && text.endsWith(part);
            }
            int at = text.indexOf(part, from);
            if (at < 0) {
                return false;
            }
            from = at + part.length();
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
