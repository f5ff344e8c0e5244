package dev.vigil.agent.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A PromQL series selector, {@code metric{label="value",other=~"a|b"}}, built from matchers. */
final class Selector {
    private record Matcher(String label, String op, String value) {
    }

    private final String metric;
    private final List<Matcher> matchers;

    private Selector(String metric, List<Matcher> matchers) {
        this.metric = metric;
        this.matchers = List.copyOf(matchers);
    }

    static Selector of(String metric) {
        return new Selector(metric, List.of());
    }

    Selector eq(String label, String value) {
        return with(new Matcher(label, "=", value));
    }

    Selector regex(String label, String regex) {
        return with(new Matcher(label, "=~", regex));
    }

    /** {@code label="a"} for one value, {@code label=~"a|b"} (each value taken literally) for several. */
    Selector oneOf(String label, List<String> values) {
        if (values.size() == 1) {
            return eq(label, values.get(0));
        }
        List<String> quoted = values.stream().map(Selector::literalRegex).toList();
        return regex(label, String.join("|", quoted));
    }

    /** Restricts to one service, or leaves the selector as it is when {@code service} is null. */
    Selector service(String service) {
        return service == null ? this : eq(AlertMetrics.SERVICE, service);
    }

    /** The labels {@code absent()} gives its output: those of the equality matchers. */
    Map<String, String> equalityLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        matchers.stream().filter(m -> m.op.equals("=")).forEach(m -> labels.put(m.label, m.value));
        return labels;
    }

    private Selector with(Matcher matcher) {
        List<Matcher> more = new ArrayList<>(matchers);
        more.add(matcher);
        return new Selector(metric, more);
    }

    @Override
    public String toString() {
        if (matchers.isEmpty()) {
            return metric;
        }
        StringBuilder text = new StringBuilder(metric).append('{');
        for (int i = 0; i < matchers.size(); i++) {
            Matcher m = matchers.get(i);
            text.append(i == 0 ? "" : ",").append(m.label).append(m.op).append(quote(m.value));
        }
        return text.append('}').toString();
    }

    /** A PromQL string literal (Go syntax): backslash and double quote escaped. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    /** RE2 for exactly this text: event names contain dots, which must not match any character. */
    static String literalRegex(String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                regex.append('\\');
            }
            regex.append(c);
        }
        return regex.toString();
    }
}
